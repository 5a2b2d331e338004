package dev.devgodzilla.contracts;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepRequestValidator;
import dev.devgodzilla.contracts.messages.TokenUsage;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagesJsonTest {

    @Test
    void stepEventsRoundTripThroughTheirTypeField() {
        StepEvent completed = new StepCompleted(1, "e1", Instant.parse("2026-01-01T00:00:00Z"), "s1", 2, "dummy",
                "w1", 0, 15, "out", "done", new TokenUsage(3, 4, 0, 0.5), "sess", "/ws", null, "mvn -q test", null);

        String json = Json.write(completed);

        assertThat(json).contains("\"type\":\"completed\"").contains("\"occurredAt\":\"2026-01-01T00:00:00Z\"");
        assertThat(Json.read(json, StepEvent.class)).isEqualTo(completed);
        assertThat(CloudEvents.typeOf(completed)).isEqualTo("dev.devgodzilla.step.completed");
    }

    @Test
    void failedEventKeepsItsCode() {
        StepEvent failed = new StepFailed(1, "e2", Instant.now(), "s1", 1, "x", "execution-service",
                FailureCode.AGENT_NOT_FOUND, "no agent x", null, 0, null, null, null);

        StepEvent read = Json.read(Json.write(failed), StepEvent.class);

        assertThat(read).isInstanceOf(StepFailed.class);
        assertThat(((StepFailed) read).code()).isEqualTo(FailureCode.AGENT_NOT_FOUND);
    }

    @Test
    void malformedJsonIsReportedWithTheTargetType() {
        assertThatThrownBy(() -> Json.read("{not json", StepRequest.class))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("StepRequest");
        assertThatThrownBy(() -> Json.read("  ", StepRequest.class))
                .hasMessageContaining("empty");
    }

    @Test
    void validatorNamesEveryBadField() {
        StepRequest bad = new StepRequest(1, null, null, "../etc", null, null, "bad agent", null, null, " ",
                null, null, null, null, null, -1, null, null, null);

        assertThat(StepRequestValidator.validate(bad))
                .extracting(StepRequestValidator.Violation::field)
                .containsExactlyInAnyOrder("stepId", "agentId", "task", "timeoutSeconds");
        assertThat(StepRequestValidator.validate(StepRequest.of("step-1", "dummy", "do it"))).isEmpty();
    }

    @Test
    void catalogueHoldsEighteenAgentsAndDummy() {
        assertThat(AgentCatalog.all()).hasSize(19);
        assertThat(AgentCatalog.find("gemini-cli")).get().extracting(a -> a.format().name()).isEqualTo("TOML");
        assertThat(AgentCatalog.find("codex").orElseThrow().installHint()).contains("npm install -g @openai/codex");
    }
}
