package dev.devgodzilla.worker.way.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.ChangeType;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.sandbox.SandboxConfig;
import dev.devgodzilla.sandbox.SandboxManager;
import dev.devgodzilla.worker.TestWorkerConfig;
import dev.devgodzilla.worker.artifact.ArtifactWriter;
import dev.devgodzilla.worker.artifact.WorkspaceCapture;
import dev.devgodzilla.worker.attempt.Attempt;
import dev.devgodzilla.worker.attempt.AttemptOutputs;
import dev.devgodzilla.worker.attempt.AttemptReporter;
import dev.devgodzilla.worker.attempt.AttemptSpans;
import dev.devgodzilla.worker.attempt.AttemptMeters;
import dev.devgodzilla.worker.attempt.Way;
import dev.devgodzilla.worker.block.BlockDetector;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.config.WorkerIdentity;
import dev.devgodzilla.worker.sandbox.AttemptSandboxes;
import dev.devgodzilla.worker.way.AgentWays;
import dev.devgodzilla.worker.way.cli.parse.PlainTextParser;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;
import dev.devgodzilla.worker.way.cli.process.ProcessRunner;
import dev.devgodzilla.worker.workspace.GitWorkspaces;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * A CLI agent the layer has never heard of, added as a user would: one entry in {@code agents.yaml} and
 * one engine class. It runs the whole CLI way, in a real sandbox in the worker's default mode.
 */
class FictionalCliAgentTest {
    @TempDir
    Path dir;

    /** The new agent's behaviour: its command line and how to read its output. */
    public static final class HelloEngine extends CliEngine {
        public HelloEngine(CliEngineSettings settings) {
            super("hello-cli", settings);
        }

        @Override
        protected List<String> arguments(EngineRequest request) {
            return List.of("--prompt", request.framedPrompt());
        }

        @Override
        protected StreamParser parser() {
            return new PlainTextParser();
        }
    }

    @AfterEach
    void builtInCatalogue() {
        AgentCatalog.use(null);
    }

    @Test
    void aNewCliAgentIsOneCatalogueEntryAndOneEngineClass() throws Exception {
        // its catalogue entry
        Path agents = Files.writeString(dir.resolve("agents.yaml"), """
                agents:
                  hello-cli:
                    name: Hello CLI
                    kind: cli
                    binary: hello-cli
                    commandDir: .hello/commands/
                """);
        AgentCatalog.use(agents);
        // the agent's binary, as an install would leave it
        Path bin = Files.createDirectories(dir.resolve("agents/bin"));
        executable(bin.resolve("hello-cli"), """
                #!/bin/sh
                echo "working on the task"
                echo "hello from hello-cli" > hello.txt
                echo "Created hello.txt"
                """);
        List<StepEvent> events = new CopyOnWriteArrayList<>();
        List<StepLogChunk> chunks = new CopyOnWriteArrayList<>();
        WorkerConfig config = TestWorkerConfig.of(Map.of("dg.worker.id", "worker-fictional",
                "dg.worker.workspace-root", dir.resolve("workspaces").toString(),
                "dg.worker.artifact-dir", dir.resolve("artifacts").toString(),
                "dg.worker.agent-paths", bin.toString()));

        try (SandboxManager manager = new SandboxManager(SandboxConfig.defaults()
                .withStateDir(dir.resolve("sandboxes")).withExtraReadOnlyPaths(List.of(bin)))) {
            CliAttemptRunner runner = runner(config, manager, events, chunks,
                    new HelloEngine(CliEngineSettingsProducer.from(config)));
            // the catalogue alone decides its way, and the worker's engines find it
            assertThat(new AgentWays(List.of(), Optional.empty(), "v1alpha").of("hello-cli")).isEqualTo(Way.CLI);

            runner.run(new Attempt(new SandboxJob(1, "e-1", Instant.now(), "step-hello", 1, "hello-cli", null,
                    "Create hello.txt", null, SandboxMode.WORKSPACE_WRITE, 60, 60, null, null, null, "execute")));
        }

        assertThat(events).hasSize(2);
        StepStarted started = (StepStarted) events.get(0);
        assertThat(started.sandboxBackend()).isEqualTo("bwrap");
        StepCompleted completed = (StepCompleted) events.get(1);
        assertThat(completed.finalMessage()).endsWith("Created hello.txt");
        assertThat(Path.of(completed.workspace()).resolve("hello.txt")).hasContent("hello from hello-cli");
        assertThat(completed.artifacts().changedFiles())
                .anySatisfy(f -> {
                    assertThat(f.path()).isEqualTo("hello.txt");
                    assertThat(f.change()).isEqualTo(ChangeType.ADDED);
                });
        assertThat(chunks).anySatisfy(chunk -> assertThat(chunk.text()).contains("working on the task"));
    }

    /** The CLI way, whole, for {@code engine} alone. */
    static CliAttemptRunner runner(WorkerConfig config, SandboxManager manager, List<StepEvent> events,
                                   List<StepLogChunk> chunks, Engine engine) {
        Engines engines = new Engines(List.of(engine));
        GitWorkspaces workspaces = new GitWorkspaces(config);
        ArtifactWriter artifacts = new ArtifactWriter(config);
        AttemptReporter reporter = new AttemptReporter(events::add, new AttemptMeters(new SimpleMeterRegistry()),
                new WorkerIdentity(config), config);
        return new CliAttemptRunner(engines, workspaces, new WorkspaceCapture(workspaces, artifacts),
                new AttemptSandboxes(manager, config), new SandboxedCommands(new ProcessRunner(), config), reporter,
                new AttemptOutputs(artifacts, chunk -> {
                    chunks.add(chunk);
                    return CompletableFuture.completedFuture(null);
                }, config), new CliOutcomes(new BlockDetector()),
                new dev.devgodzilla.worker.sandbox.SessionHomes(config),
                new AttemptSpans(OpenTelemetry.noop().getTracer("test")));
    }

    static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
