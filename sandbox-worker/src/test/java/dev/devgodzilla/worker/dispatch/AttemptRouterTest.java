package dev.devgodzilla.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.worker.TestWorkerConfig;
import dev.devgodzilla.worker.attempt.Attempt;
import dev.devgodzilla.worker.attempt.AttemptReporter;
import dev.devgodzilla.worker.attempt.AttemptRunner;
import dev.devgodzilla.worker.attempt.AttemptMeters;
import dev.devgodzilla.worker.attempt.Way;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.config.WorkerIdentity;
import dev.devgodzilla.worker.way.AgentWays;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class AttemptRouterTest {
    private final WorkerConfig config = TestWorkerConfig.of(Map.of());
    private final AttemptReporter reporter = new AttemptReporter(event -> { }, new AttemptMeters(new SimpleMeterRegistry()),
            new WorkerIdentity(config), config);
    /** Cursor runs in its IDE on this worker by choice; Jules has its key. */
    private final AgentWays ways = new AgentWays(List.of("cursor"), Optional.of("jules-key"), "v1alpha");
    private final Recording cli = new Recording(Way.CLI);
    private final Recording ide = new Recording(Way.IDE);
    private final Recording jules = new Recording(Way.JULES);
    private final AttemptRouter router = new AttemptRouter(ways, List.of(cli, ide, jules), reporter);

    @ParameterizedTest(name = "{0} runs the {1} way")
    @CsvSource({"claude-code, CLI", "codex, CLI", "dummy, CLI", "copilot, CLI", "no-such-agent, CLI",
            "windsurf, IDE", "roo, IDE", "bob, IDE", "cursor, IDE", "jules, JULES"})
    void eachAgentKindPicksTheRunnerOfItsWay(String agentId, Way way) {
        router.run(new Attempt(job(agentId, 1)));

        for (Recording runner : List.of(cli, ide, jules)) {
            assertThat(runner.ran).as(runner.way + " ran").hasSize(runner.way == way ? 1 : 0);
        }
    }

    @Test
    void everyRunnerHearsOfANewAttemptBeforeItRuns() {
        router.run(new Attempt(job("claude-code", 3)));

        // an older attempt of the step, handed to an IDE, must not report over the new one
        assertThat(ide.superseded).containsExactly("step-claude-code#3");
        assertThat(jules.superseded).containsExactly("step-claude-code#3");
    }

    @Test
    void aCancelReachesTheRunnersThatFollowAttemptsWithoutASlot() {
        ide.handedOver = true;

        assertThat(router.cancelHandedOver("step-x", 0)).isTrue();
        ide.handedOver = false;
        assertThat(router.cancelHandedOver("step-x", 0)).isFalse();
    }

    @Test
    void aWayWithoutARunnerIsAStartupError() {
        assertThatThrownBy(() -> new AttemptRouter(ways, List.of(cli, ide), reporter))
                .hasMessageContaining("no runner for the JULES way");
        assertThatThrownBy(() -> new AttemptRouter(ways, List.of(cli, ide, jules, new Recording(Way.CLI)), reporter))
                .hasMessageContaining("two runners for the CLI way");
    }

    private static SandboxJob job(String agentId, int attempt) {
        return new SandboxJob(1, "e", Instant.now(), "step-" + agentId, attempt, agentId, null, "p", null,
                SandboxMode.WORKSPACE_WRITE, 60, 60, null, null, null, "execute");
    }

    private static final class Recording implements AttemptRunner {
        final Way way;
        final List<String> ran = new ArrayList<>();
        final List<String> superseded = new ArrayList<>();
        boolean handedOver;

        Recording(Way way) {
            this.way = way;
        }

        @Override
        public Way way() {
            return way;
        }

        @Override
        public void run(Attempt attempt) {
            ran.add(attempt.job().stepId());
        }

        @Override
        public void supersede(SandboxJob job) {
            superseded.add(job.stepId() + "#" + job.attempt());
        }

        @Override
        public boolean cancelHandedOver(String stepId, int attempt) {
            return handedOver;
        }
    }
}
