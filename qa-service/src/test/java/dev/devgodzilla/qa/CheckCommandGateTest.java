package dev.devgodzilla.qa;

import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.qa.config.QaConfig;
import dev.devgodzilla.qa.gate.CheckCommandGate;
import dev.devgodzilla.qa.service.Verdicts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The check-command gate and the verdict rule, without Quarkus or Kafka. */
class CheckCommandGateTest {
    @TempDir
    Path workspace;

    @Test
    void timeoutKillsTheWholeTree() throws Exception {
        CheckCommandGate gate = new CheckCommandGate(config(Optional.empty(), Duration.ofSeconds(1)));
        Path marker = workspace.resolve("survivor");

        // a grandchild that would write a file later, if it survived
        QaGateResult result = gate.run(step("(sleep 3; touch survivor) & sleep 30"));
        assertThat(result.verdict()).isEqualTo(QaVerdict.FAILED);
        assertThat(result.detail()).startsWith("timed out");

        Thread.sleep(3500);
        assertThat(Files.exists(marker)).isFalse();
    }

    @Test
    void defaultCommandAppliesAndEmptyMeansSkipped() {
        assertThat(new CheckCommandGate(config(Optional.of("exit 0"), Duration.ofSeconds(5))).run(step(null))
                .verdict()).isEqualTo(QaVerdict.PASSED);
        assertThat(new CheckCommandGate(config(Optional.empty(), Duration.ofSeconds(5))).run(step(null))
                .verdict()).isEqualTo(QaVerdict.SKIPPED);
    }

    @Test
    void missingWorkspaceIsAnError() {
        StepCompleted step = new StepCompleted(1, "e", Instant.now(), "s", 1, "dummy", "w", 0, 0, null, null, null,
                null, workspace.resolve("gone").toString(), null, "true");
        assertThat(new CheckCommandGate(config(Optional.empty(), Duration.ofSeconds(5))).run(step).verdict())
                .isEqualTo(QaVerdict.ERROR);
    }

    @Test
    void verdictRule() {
        assertThat(Verdicts.combine(List.of(g(QaVerdict.ERROR), g(QaVerdict.FAILED)))).isEqualTo(QaVerdict.FAILED);
        assertThat(Verdicts.combine(List.of(g(QaVerdict.ERROR), g(QaVerdict.PASSED)))).isEqualTo(QaVerdict.ERROR);
        assertThat(Verdicts.combine(List.of(g(QaVerdict.SKIPPED), g(QaVerdict.PASSED)))).isEqualTo(QaVerdict.PASSED);
        assertThat(Verdicts.combine(List.of(g(QaVerdict.SKIPPED)))).isEqualTo(QaVerdict.SKIPPED);
    }

    private StepCompleted step(String qaCommand) {
        return new StepCompleted(1, "e", Instant.now(), "s", 1, "dummy", "w", 0, 0, null, null, null, null,
                workspace.toString(), null, qaCommand);
    }

    private static QaGateResult g(QaVerdict verdict) {
        return new QaGateResult("g", verdict, null, 0, null);
    }

    private static QaConfig config(Optional<String> defaultCommand, Duration timeout) {
        return new QaConfig() {
            @Override
            public Optional<String> defaultCheckCommand() {
                return defaultCommand;
            }

            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public int outputTailChars() {
                return 2000;
            }
        };
    }
}
