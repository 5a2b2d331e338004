package dev.devgodzilla.qa;

import static org.assertj.core.api.Assertions.assertThat;


import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.qa.config.QaConfig;
import dev.devgodzilla.qa.gate.CheckCommandGate;
import dev.devgodzilla.qa.service.Verdicts;
import dev.devgodzilla.sandbox.SandboxConfig;
import dev.devgodzilla.sandbox.SandboxManager;

/** The check-command gate and the verdict rule, without Quarkus or Kafka. */
class CheckCommandGateTest {
    @TempDir
    Path workspace;
    @TempDir
    Path sandboxState;

    private SandboxManager sandboxes;

    @BeforeEach
    void sandboxes() {
        sandboxes = new SandboxManager(SandboxConfig.defaults().withStateDir(sandboxState));
    }

    @AfterEach
    void closeSandboxes() {
        sandboxes.close();
    }

    @Test
    void timeoutKillsTheWholeTree() throws Exception {
        CheckCommandGate gate = new CheckCommandGate(config(Optional.empty(), Duration.ofSeconds(1)), sandboxes);
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
        assertThat(new CheckCommandGate(config(Optional.of("exit 0"), Duration.ofSeconds(5)), sandboxes).run(step(null))
                .verdict()).isEqualTo(QaVerdict.PASSED);
        assertThat(new CheckCommandGate(config(Optional.empty(), Duration.ofSeconds(5)), sandboxes).run(step(null))
                .verdict()).isEqualTo(QaVerdict.SKIPPED);
    }

    @Test
    void missingWorkspaceIsAnError() {
        StepCompleted step = new StepCompleted(1, "e", Instant.now(), "s", 1, "dummy", "w", 0, 0, null, null, null,
                null, workspace.resolve("gone").toString(), null, "true");
        assertThat(new CheckCommandGate(config(Optional.empty(), Duration.ofSeconds(5)), sandboxes).run(step).verdict())
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

    @Test
    void theCheckRunsInASandboxAndAWorkspaceOutsideTheRootsIsRefused() throws Exception {
        Path marker = Path.of(System.getProperty("java.io.tmpdir"), "dg-qa-marker-" + UUID.randomUUID());
        Files.writeString(workspace.resolve("Makefile"), "check:\n\ttouch " + marker + "\n\ttouch built.txt\n");
        CheckCommandGate gate = new CheckCommandGate(config(Optional.empty(), Duration.ofSeconds(20)), sandboxes);

        // the agent's Makefile runs, in the sandbox: its write to the host's /tmp lands in the sandbox's own
        QaGateResult made = gate.run(step("make check"));
        assertThat(made.verdict()).as(made.detail()).isEqualTo(QaVerdict.PASSED);
        assertThat(workspace.resolve("built.txt")).exists();
        assertThat(marker).doesNotExist();
        // the environment of this service is not the check's
        QaGateResult env = gate.run(step("test -z \"$JAVA_HOME$MAVEN_OPTS$KAFKA_BOOTSTRAP_SERVERS\""));
        assertThat(env.verdict()).as(env.detail()).isEqualTo(QaVerdict.PASSED);

        // a step naming a workspace outside the roots gets an error, and nothing runs
        StepCompleted elsewhere = new StepCompleted(1, "e", Instant.now(), "s", 1, "dummy", "w", 0, 0, null, null,
                null, null, "/etc", null, "touch " + marker);
        QaGateResult refused = gate.run(elsewhere);
        assertThat(refused.verdict()).isEqualTo(QaVerdict.ERROR);
        assertThat(refused.detail()).contains("outside the QA workspace roots");
        assertThat(marker).doesNotExist();
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

            @Override
            public List<String> workspaceRoots() {
                return List.of(System.getProperty("java.io.tmpdir"));
            }

            @Override
            public QaSandbox sandbox() {
                throw new UnsupportedOperationException("the test makes its own sandbox manager");
            }
        };
    }
}
