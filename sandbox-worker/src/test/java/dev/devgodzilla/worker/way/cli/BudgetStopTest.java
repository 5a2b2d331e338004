package dev.devgodzilla.worker.way.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.Budget;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import dev.devgodzilla.sandbox.SandboxConfig;
import dev.devgodzilla.sandbox.SandboxManager;
import dev.devgodzilla.worker.TestWorkerConfig;
import dev.devgodzilla.worker.attempt.Attempt;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.way.cli.parse.ClaudeStreamParser;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/**
 * An agent that goes over what is left of its step's budget is stopped by its worker while it runs, in a real
 * sandbox, and its attempt fails BUDGET_EXCEEDED with the usage it reported: here an agent that speaks Claude
 * Code's stream and reports large usage in its first message, then would work on for a minute.
 */
class BudgetStopTest {
    @TempDir
    Path dir;
    private Path bin;
    private WorkerConfig config;

    public static final class SpenderEngine extends CliEngine {
        public SpenderEngine(CliEngineSettings settings) {
            super("spender-cli", settings);
        }

        @Override
        protected List<String> arguments(EngineRequest request) {
            return List.of(request.framedPrompt());
        }

        @Override
        protected StreamParser parser() {
            return new ClaudeStreamParser();
        }
    }

    @BeforeEach
    void spender() throws Exception {
        AgentCatalog.use(Files.writeString(dir.resolve("agents.yaml"), """
                agents:
                  spender-cli:
                    name: Spender
                    kind: cli
                    binary: spender-cli
                """));
        bin = Files.createDirectories(dir.resolve("agents/bin"));
        FictionalCliAgentTest.executable(bin.resolve("spender-cli"), """
                #!/bin/sh
                echo '{"type":"system","subtype":"init","session_id":"s-1"}'
                echo '{"type":"assistant","session_id":"s-1","message":{"id":"m-1","content":[{"type":"text","text":"thinking"}],"usage":{"input_tokens":48000,"output_tokens":2000}}}'
                echo '{"type":"assistant","session_id":"s-1","message":{"id":"m-1","content":[{"type":"text","text":"more"}],"usage":{"input_tokens":48000,"output_tokens":2000}}}'
                sleep 60
                echo '{"type":"result","subtype":"success","result":"done","session_id":"s-1","usage":{"input_tokens":48000,"output_tokens":2000}}'
                """);
        config = TestWorkerConfig.of(Map.of("dg.worker.id", "worker-budget",
                "dg.worker.workspace-root", dir.resolve("workspaces").toString(),
                "dg.worker.artifact-dir", dir.resolve("artifacts").toString(),
                "dg.worker.agent-paths", bin.toString()));
    }

    @AfterEach
    void builtInCatalogue() {
        AgentCatalog.use(null);
    }

    @Test
    void aRunOverItsTokenBudgetIsStoppedAtOnce() throws Exception {
        List<StepEvent> events = run(new Budget(10_000L, null, null));

        StepFailed failed = (StepFailed) events.getLast();
        assertThat(failed.code()).isEqualTo(FailureCode.BUDGET_EXCEEDED);
        // one message of 50000 tokens, sent in two events, counted once
        assertThat(failed.reason()).contains("used 50000 tokens of the 10000 left");
        assertThat(failed.usage().inputTokens()).isEqualTo(48_000);
        assertThat(failed.durationMs()).isLessThan(30_000);
    }

    @Test
    void aRunOverItsTimeBudgetIsStopped() throws Exception {
        List<StepEvent> events = run(new Budget(null, null, 2));

        StepFailed failed = (StepFailed) events.getLast();
        assertThat(failed.code()).isEqualTo(FailureCode.BUDGET_EXCEEDED);
        assertThat(failed.durationMs()).isBetween(1_900L, 30_000L);
    }

    @Test
    void withinItsBudgetTheRunIsNotStopped() throws Exception {
        FictionalCliAgentTest.executable(bin.resolve("spender-cli"), """
                #!/bin/sh
                echo '{"type":"assistant","session_id":"s-1","message":{"id":"m-1","content":[{"type":"text","text":"done"}],"usage":{"input_tokens":900,"output_tokens":50}}}'
                echo '{"type":"result","subtype":"success","result":"done","session_id":"s-1","usage":{"input_tokens":900,"output_tokens":50}}'
                """);
        List<StepEvent> events = run(new Budget(10_000L, 1.0, 60));

        assertThat(events.getLast().type().wireName()).isEqualTo("completed");
    }

    private List<StepEvent> run(Budget budget) throws Exception {
        List<StepEvent> events = new CopyOnWriteArrayList<>();
        List<StepLogChunk> chunks = new CopyOnWriteArrayList<>();
        Instant began = Instant.now();
        try (SandboxManager manager = new SandboxManager(SandboxConfig.defaults()
                .withStateDir(dir.resolve("sandboxes")).withExtraReadOnlyPaths(List.of(bin)))) {
            CliAttemptRunner runner = FictionalCliAgentTest.runner(config, manager, events, chunks,
                    new SpenderEngine(CliEngineSettingsProducer.from(config)));
            runner.run(new Attempt(new SandboxJob(1, "e-1", Instant.now(), "step-spend", 1, "spender-cli", null,
                    "Spend", null, SandboxMode.WORKSPACE_WRITE, 120, 120, null, null, null, "execute", null,
                    budget)));
        }
        assertThat(Duration.between(began, Instant.now())).isLessThan(Duration.ofSeconds(40));
        return events;
    }
}
