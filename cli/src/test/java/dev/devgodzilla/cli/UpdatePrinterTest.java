package dev.devgodzilla.cli;

import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepFailed;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UpdatePrinterTest {

    @Test
    void printsFailureCodeReasonAndQaGates() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        UpdatePrinter printer = new UpdatePrinter(new PrintStream(buffer, true, StandardCharsets.UTF_8), Instant.now());

        printer.print(new StepFollower.EventUpdate(new StepFailed(1, "e", Instant.now(), "s", 0, "nope",
                "execution-service", FailureCode.AGENT_NOT_FOUND, "unknown agent 'nope'", null, 0, null, null, null)));
        printer.print(new StepFollower.QaUpdate(new QaResult(1, "q", Instant.now(), "s", 1, "dummy", QaVerdict.PASSED,
                List.of(new QaGateResult("check-command", QaVerdict.PASSED, 0, 5, "")), "1 gate passed")));

        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("FAILED     AGENT_NOT_FOUND: unknown agent 'nope'")
                .contains("QA PASSED  1 gate passed")
                .contains("gate check-command: PASSED (exit 0)");
    }

    @Test
    void demoTaskSelectsTheDummyAgentsDirectives() {
        assertThat(DemoCommand.DEMO_TASK.lines()).contains("write hello.txt Hello from DevGodzilla");
    }
}
