package dev.devgodzilla.worker.way.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.sandbox.Phase;
import dev.devgodzilla.sandbox.Sandbox;
import dev.devgodzilla.sandbox.SandboxConfig;
import dev.devgodzilla.sandbox.SandboxManager;
import dev.devgodzilla.sandbox.SandboxSpec;
import dev.devgodzilla.worker.attempt.Termination;
import dev.devgodzilla.worker.install.DummyAgentScript;

/** The process runner inside real bubblewrap sandboxes: live output, exit codes, limits and tree kills. */
class ProcessRunnerTest {
    private static Path agent;

    @TempDir
    static Path tools;

    @TempDir
    Path workspace;

    private static SandboxManager sandboxes;
    private final ProcessRunner runner = new ProcessRunner();
    private Sandbox sandbox;

    @BeforeAll
    static void unpackAgentAndStartSandboxes() throws Exception {
        agent = DummyAgentScript.extract(tools);
        // every run happens in a real bubblewrap sandbox, as in production; the agent's dir is visible inside
        sandboxes = new SandboxManager(SandboxConfig.defaults().withExtraReadOnlyPaths(List.of(tools)));
    }

    @AfterAll
    static void stopSandboxes() {
        sandboxes.close();
    }

    @BeforeEach
    void openSandbox() {
        sandbox = sandboxes.open(SandboxSpec.of("process-runner-test", workspace, SandboxMode.WORKSPACE_WRITE));
    }

    @AfterEach
    void closeSandbox() {
        sandbox.close();
    }

    @Test
    void streamsOutputLiveAndInOrder() throws Exception {
        // Given a run that prints, pauses, and prints again
        List<String> stdout = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        List<Long> firstLineAt = new ArrayList<>();
        OutputListener listener = (stream, line) -> {
            if (firstLineAt.isEmpty()) {
                firstLineAt.add(System.nanoTime());
            }
            (stream == LogStream.STDOUT ? stdout : stderr).add(line);
        };

        // When it runs to its end
        ProcessOutcome outcome = runner.run(sandbox, spec("print one\nprint two\nstderr oops\nsleep 1\nprint three",
                Duration.ofSeconds(20), Duration.ZERO), listener);
        long endedAt = System.nanoTime();

        // Then every line arrived in order, the first well before the end
        assertThat(outcome.termination()).isEqualTo(Termination.EXITED);
        assertThat(outcome.exitCode()).isZero();
        assertThat(stdout).containsExactly("one", "two", "three");
        assertThat(stderr).containsExactly("oops");
        assertThat(Duration.ofNanos(endedAt - firstLineAt.getFirst())).isGreaterThan(Duration.ofMillis(700));
    }

    @Test
    void reportsTheExitCode() throws Exception {
        ProcessOutcome outcome = runner.run(sandbox, spec("print before\nexit 3\nprint after", Duration.ofSeconds(20),
                Duration.ZERO), (s, l) -> { });

        assertThat(outcome.termination()).isEqualTo(Termination.EXITED);
        assertThat(outcome.exitCode()).isEqualTo(3);
    }

    @Test
    void timeoutKillsTheWholeTreeIncludingAnEscapedGrandchild() throws Exception {
        // Given an agent that starts a setsid grandchild (out of its process group) and then sleeps
        String grandchild = marker();
        String child = marker();
        RunningProcess process = runner.start(sandbox, Phase.EXECUTION, spec("spawn-sleep " + grandchild + "\nsleep " + child,
                Duration.ofSeconds(2), Duration.ZERO), (s, l) -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> alive(grandchild) && alive(child));

        // When the wall-clock limit passes
        ProcessOutcome outcome = process.await();

        // Then the run timed out and nothing it started is left
        assertThat(outcome.termination()).isEqualTo(Termination.TIMED_OUT);
        assertThat(outcome.exitCode()).isNull();
        assertThat(outcome.duration()).isLessThan(Duration.ofSeconds(8));
        await().atMost(Duration.ofSeconds(3)).until(() -> !alive(grandchild) && !alive(child));
    }

    @Test
    void idleWatchdogStopsASilentProcess() throws Exception {
        String sleeper = marker();
        ProcessOutcome outcome = runner.run(sandbox, spec("print hello\nsleep " + sleeper, Duration.ofSeconds(60),
                Duration.ofSeconds(1)), (s, l) -> { });

        assertThat(outcome.termination()).isEqualTo(Termination.IDLE_TIMEOUT);
        assertThat(outcome.duration()).isLessThan(Duration.ofSeconds(6));
        await().atMost(Duration.ofSeconds(3)).until(() -> !alive(sleeper));
    }

    @Test
    void stopCancelsARunningProcess() throws Exception {
        String sleeper = marker();
        RunningProcess process = runner.start(sandbox, Phase.EXECUTION, spec("sleep " + sleeper, Duration.ofSeconds(60), Duration.ZERO),
                (s, l) -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> alive(sleeper));

        process.stop(Termination.CANCELLED);
        ProcessOutcome outcome = process.await();

        assertThat(outcome.termination()).isEqualTo(Termination.CANCELLED);
        await().atMost(Duration.ofSeconds(3)).until(() -> !alive(sleeper));
    }

    @Test
    void runsInTheWorkingDirectory() throws Exception {
        runner.run(sandbox, spec("write out/hello.txt hi there", Duration.ofSeconds(20), Duration.ZERO), (s, l) -> { });

        assertThat(Files.readString(workspace.resolve("out/hello.txt"))).isEqualTo("hi there\n");
    }

    private ProcessSpec spec(String prompt, Duration timeout, Duration idle) {
        return new ProcessSpec(List.of(agent.toString(), prompt), workspace, Map.of(), timeout, idle,
                Duration.ofMillis(500));
    }

    /** A sleep length no other process on the machine has in its command line. */
    static String marker() {
        return "1000." + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
    }

    static boolean alive(String marker) {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .anyMatch(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
    }
}
