package dev.devgodzilla.execution;

import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.execution.service.PromptBuilder;
import dev.devgodzilla.execution.service.RequestFingerprint;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Prompt building and request fingerprints, without Quarkus. */
class PromptBuilderTest {

    @Test
    void taskAloneIsTheTaskVerbatim() {
        assertThat(PromptBuilder.build(StepRequest.of("p1", "dummy", "EXIT 3\nthen fail")))
                .isEqualTo("EXIT 3\nthen fail\n");
    }

    @Test
    void fingerprintIgnoresTheEnvelopeOnly() {
        StepRequest a = StepRequest.of("f1", "dummy", "same");
        StepRequest b = StepRequest.of("f1", "dummy", "same");
        assertThat(a.eventId()).isNotEqualTo(b.eventId());
        assertThat(RequestFingerprint.of(a)).isEqualTo(RequestFingerprint.of(b));
        assertThat(RequestFingerprint.of(a))
                .isNotEqualTo(RequestFingerprint.of(StepRequest.of("f1", "dummy", "other")));
        StepRequest labelled1 = withLabels(a, Map.of("x", "1", "y", "2"));
        StepRequest labelled2 = withLabels(b, new java.util.TreeMap<>(Map.of("y", "2", "x", "1")).descendingMap());
        assertThat(RequestFingerprint.of(labelled1)).isEqualTo(RequestFingerprint.of(labelled2));
    }

    private static StepRequest withLabels(StepRequest r, Map<String, String> labels) {
        return new StepRequest(r.schemaVersion(), r.eventId(), r.occurredAt(), r.stepId(), r.planId(), r.projectId(),
                r.agentId(), r.model(), r.taskType(), r.task(), r.context(), r.dependencies(), r.instructions(),
                r.workspace(), r.sandboxMode(), r.timeoutSeconds(), r.qaCommand(), labels,
                r.setupCommand());
    }
}
