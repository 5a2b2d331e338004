package dev.devgodzilla.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepRequestValidator;
import dev.devgodzilla.contracts.messages.StepRequestValidator.Violation;

class StepRequestValidatorTest {

    @Test
    void aRequestWithinEveryLimitIsValid() {
        assertThat(StepRequestValidator.validate(request("write a.txt x", "c".repeat(200_000), null, null)))
                .isEmpty();
    }

    @Test
    void eachOversizedFieldIsNamed() {
        assertThat(fields(request("t", "c".repeat(2_000_000), null, null))).contains("context", "body");
        assertThat(fields(request("t", null, Collections.nCopies(51, "d"), null))).containsExactly("dependencies");
        assertThat(fields(request("t", null, List.of("d".repeat(4_001)), null))).containsExactly("dependencies[0]");
        assertThat(fields(request("t", null, null, Map.of("k", "v".repeat(1_025))))).containsExactly("labels.k");
        assertThat(fields(StepRequest.of("s", "dummy", "t").withQaCommand("q".repeat(8_193))))
                .containsExactly("qaCommand");
        assertThat(fields(StepRequest.of("s", "dummy", "t").withWorkspace("/" + "w".repeat(4_096))))
                .containsExactly("workspace");
    }

    @Test
    void theRequestAsAWholeIsBoundedInBytes() {
        // within each field's limit, but multi-byte text makes the whole too big for one job record
        String wide = "\u20ac".repeat(99_000);
        List<Violation> violations = StepRequestValidator.validate(request(wide, wide + wide, null, null));
        assertThat(violations).extracting(Violation::field).containsExactly("body");
        assertThat(violations.getFirst().message()).contains("more than " + StepRequestValidator.MAX_REQUEST_BYTES);
    }

    private static List<String> fields(StepRequest request) {
        return StepRequestValidator.validate(request).stream().map(Violation::field).toList();
    }

    @Test
    void aStepContinuesOnlyInTheWorkspaceOfAStepItDependsOn() {
        assertThat(StepRequestValidator.validate(request("t", null, List.of("step-a"), null).withWorkspace("step:step-a")))
                .isEmpty();
        assertThat(fields(request("t", null, List.of("step-a"), null).withWorkspace("step:step-b")))
                .containsExactly("workspace");
        assertThat(fields(request("t", null, null, null).withWorkspace("step:step-a"))).containsExactly("workspace");
        assertThat(StepRequestValidator.workspaceStep("step:step-a")).isEqualTo("step-a");
        assertThat(StepRequestValidator.workspaceStep("/srv/app")).isNull();
    }

    private static StepRequest request(String task, String context, List<String> dependencies,
                                       Map<String, String> labels) {
        StepRequest base = StepRequest.of("step-1", "dummy", task);
        return new StepRequest(base.schemaVersion(), base.eventId(), base.occurredAt(), base.stepId(), null, null,
                base.agentId(), null, null, task, context, dependencies, null, null, null, null, null, labels, null);
    }
}
