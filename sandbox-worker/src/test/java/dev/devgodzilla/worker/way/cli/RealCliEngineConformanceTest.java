package dev.devgodzilla.worker.way.cli;

import static org.assertj.core.api.Assertions.assertThat;


import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;




import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.modelserver.AgentTools;
import dev.devgodzilla.modelserver.Conversation;
import dev.devgodzilla.modelserver.ScriptedModelServer;
import dev.devgodzilla.modelserver.Turn;
import dev.devgodzilla.sandbox.Phase;
import dev.devgodzilla.sandbox.Sandbox;
import dev.devgodzilla.sandbox.SandboxConfig;
import dev.devgodzilla.sandbox.SandboxManager;
import dev.devgodzilla.sandbox.SandboxSpec;
import dev.devgodzilla.sandbox.backend.LaunchPlan;
import dev.devgodzilla.sandbox.limits.ResourceLimits;
import dev.devgodzilla.worker.attempt.Termination;
import dev.devgodzilla.worker.block.BlockDetector;
import dev.devgodzilla.worker.sandbox.RunHome;
import dev.devgodzilla.worker.way.cli.parse.AgentResult;
import dev.devgodzilla.worker.way.cli.process.OutputListener;
import dev.devgodzilla.worker.way.cli.process.ProcessOutcome;
import dev.devgodzilla.worker.way.cli.process.ProcessRunner;
import dev.devgodzilla.worker.way.cli.process.ProcessSpec;

/**
 * The eight CLIs that can use a custom endpoint, run through the worker's own path: the engine's command
 * line, environment and config files, the process runner, and a real bubblewrap sandbox, against the
 * scripted model server. A CLI that is not installed under {@code .dg/agents} is skipped.
 *
 * <p>The sandboxes run in FULL_ACCESS mode (and the manager's maximum is raised to allow it) only so the
 * CLI reaches the model server on 127.0.0.1 directly; the other modes have no host network.
 */
class RealCliEngineConformanceTest {
    private static final Path AGENTS_HOME = Path.of("").toAbsolutePath().getParent().resolve(".dg/agents");
    private static final Path AGENT_BIN = AGENTS_HOME.resolve("node_modules/.bin");
    private static final String FINAL = "Created hello.txt";
    private static final String CLARIFICATION = "I need clarification on the database schema before I can continue.";
    /** Long and random: Copilot masks secret values wherever they appear in its output. */
    private static final String API_KEY = "sk-scripted-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

    /** How each CLI is pointed at the server: its model, its own write tool, its key variable, its URL form. */
    record Case(String agentId, String model, String keyVariable, boolean v1) {
        String baseUrl() {
            return server.baseUrl() + (v1 ? "/v1" : "");
        }

        Turn writeTurn(Path workspace) {
            return AgentTools.writeFile(agentId, workspace.resolve("hello.txt"), "hello from " + agentId);
        }
    }

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        List.of(new Case("claude-code", "claude-sonnet-4-5", "ANTHROPIC_API_KEY", false),
                new Case("codex", "scripted-model", "OPENAI_API_KEY", true),
                new Case("opencode", "scripted-model", "OPENAI_API_KEY", true),
                new Case("kilocode", "scripted-model", "OPENAI_API_KEY", true),
                new Case("gemini-cli", "gemini-2.5-pro", "GEMINI_API_KEY", false),
                new Case("qwen", "scripted-model", "OPENAI_API_KEY", true),
                new Case("copilot", "scripted-model", "COPILOT_PROVIDER_API_KEY", true),
                new Case("codebuddy", "scripted-model", "CODEBUDDY_API_KEY", true))
                .forEach(c -> CASES.put(c.agentId(), c));
    }

    private static ScriptedModelServer server;
    private static SandboxManager sandboxes;
    private final ProcessRunner runner = new ProcessRunner();

    @TempDir
    Path runs;

    @BeforeAll
    static void start() throws IOException {
        server = ScriptedModelServer.start();
        sandboxes = new SandboxManager(SandboxConfig.defaults()
                .withMaxMode(SandboxMode.FULL_ACCESS)
                // the whole install prefix: the .bin links point into the packages next to it
                .withExtraReadOnlyPaths(List.of(AGENTS_HOME)));
    }

    @AfterAll
    static void stop() {
        if (sandboxes != null) {
            sandboxes.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static Stream<String> agents() {
        return CASES.keySet().stream();
    }

    @ParameterizedTest(name = "{0} writes hello.txt with its own tool")
    @MethodSource("agents")
    void write(String agentId) throws Exception {
        Case c = CASES.get(agentId);
        Engine engine = requireInstalled(c, c.baseUrl());
        Path workspace = Files.createDirectories(runs.resolve("ws-" + agentId));
        server.script(Conversation.of(c.writeTurn(workspace), Turn.text(FINAL)));

        Run run = run(engine, c, workspace, "Create the file hello.txt containing exactly: hello from " + agentId,
                Duration.ofSeconds(180));

        assertThat(run.outcome().termination()).as(run.describe()).isEqualTo(Termination.EXITED);
        assertThat(run.outcome().exitCode()).as(run.describe()).isZero();
        assertThat(workspace.resolve("hello.txt")).as(run.describe()).hasContent("hello from " + agentId);
        // the prompt reached the model, whether the engine passes it on stdin or as an argument
        assertThat(server.scriptedCalls()).as(run.describe()).isNotEmpty()
                .anyMatch(call -> call.body().contains("hello.txt containing exactly: hello from " + agentId));
        AgentResult result = run.result();
        assertThat(result.isError()).as(run.describe()).isFalse();
        assertThat(result.finalMessage()).as(run.describe()).isEqualTo(FINAL);
        assertThat(result.usage().inputTokens() + result.usage().outputTokens()).as(run.describe()).isPositive();
        assertThat(result.sessionId()).as(run.describe()).isNotBlank();
        switch (agentId) {
            // Claude estimates a cost client-side even for an unknown model
            case "claude-code" -> assertThat(result.usage().costUsd()).isPositive();
            // these report a cost field, 0 for a model they do not know
            case "codebuddy", "opencode", "kilocode" -> assertThat(result.usage().costUsd()).isNotNull();
            default -> assertThat(result.usage().costUsd()).isNull();
        }
        assertThat(new BlockDetector().detect(result.finalMessage())).isEmpty();
    }

    @ParameterizedTest(name = "{0}: a clarification request is detected as blocked")
    @MethodSource("agents")
    void clarify(String agentId) throws Exception {
        Case c = CASES.get(agentId);
        Engine engine = requireInstalled(c, c.baseUrl());
        Path workspace = Files.createDirectories(runs.resolve("ws-clarify-" + agentId));
        server.script(Conversation.of(Turn.text(CLARIFICATION)));

        Run run = run(engine, c, workspace, "Add an orders report to the application.", Duration.ofSeconds(180));

        assertThat(run.outcome().exitCode()).as(run.describe()).isZero();
        AgentResult result = run.result();
        assertThat(result.isError()).as(run.describe()).isFalse();
        assertThat(result.finalMessage()).as(run.describe()).isEqualTo(CLARIFICATION);
        BlockDetector detector = new BlockDetector();
        var block = detector.detect(result.finalMessage());
        assertThat(block).as(run.describe()).isPresent();
        assertThat(detector.classify(block.get())).isEqualTo(FeedbackAction.CLARIFY);
    }

    @Test
    void aRunWhoseModelNeverAnswersIsKilledAtTheTimeoutWithNothingLeft() throws Exception {
        Case c = CASES.get("claude-code");
        // a model endpoint that accepts connections and never answers
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        Socket socket = silent.accept();
                        held.add(socket);
                        Thread.ofVirtual().start(() -> drain(socket));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            Engine engine = requireInstalled(c, "http://127.0.0.1:" + silent.getLocalPort());
            Path workspace = Files.createDirectories(runs.resolve("ws-timeout-" + System.nanoTime()));

            long started = System.nanoTime();
            // long enough for the CLI to start and reach the model even on a loaded machine
            Run run = run(engine, c, workspace, "Say hello.", Duration.ofSeconds(20));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(run.outcome().termination()).as(run.describe()).isEqualTo(Termination.TIMED_OUT);
            assertThat(took).isLessThan(Duration.ofSeconds(45));
            assertThat(held).as("the CLI did call the model").isNotEmpty();
            assertThat(processesMentioning(workspace.toString())).as("processes left behind").isEmpty();
            assertThat(processesMentioning(run.sandboxId())).as("processes left behind").isEmpty();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static void drain(Socket socket) {
        try (InputStream in = socket.getInputStream()) {
            in.transferTo(OutputStreamSink.INSTANCE);
        } catch (IOException ignored) {
            // the client went away
        }
    }

    /** Discards what it is given. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    private static List<String> processesMentioning(String text) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(text))
                .toList();
    }

    private static Engine requireInstalled(Case c, String baseUrl) {
        String binary = AgentCatalog.find(c.agentId()).orElseThrow().binary();
        Path path = AGENT_BIN.resolve(binary);
        Assumptions.assumeTrue(Files.isExecutable(path), () -> c.agentId() + " is not installed at " + path);
        CliEngineSettings settings = new CliEngineSettings(List.of(AGENT_BIN), Map.of(c.agentId(), baseUrl),
                Duration.ofSeconds(10));
        return BuiltInEngines.of(c.agentId(), settings);
    }

    /** One finished run: how the process ended, what its stream said, and its output for failure messages. */
    record Run(ProcessOutcome outcome, AgentResult result, String sandboxId, List<String> output) {
        String describe() {
            return "exit " + outcome + "; output:\n" + String.join("\n", output);
        }
    }

    /** Runs the engine the way AttemptRouter does: sandbox with the agent's credentials, run HOME, process runner. */
    private Run run(Engine engine, Case c, Path workspace, String prompt, Duration timeout) throws IOException {
        Map<String, String> credentials = Map.of(c.keyVariable(), API_KEY);
        SandboxJob job = new SandboxJob(1, "e", Instant.now(), "conformance-" + c.agentId(), 1, c.agentId(), c.model(),
                prompt, workspace.toString(), SandboxMode.FULL_ACCESS, (int) timeout.toSeconds(), 0, null, null, null,
                "execute");
        List<String> output = new ArrayList<>();
        try (Sandbox sandbox = sandboxes.open(SandboxSpec.of(job.stepId(), workspace, SandboxMode.FULL_ACCESS)
                .withEnv(credentials)
                .withLimits(limits()))) {
            RunHome home = new RunHome(sandbox.privateDir().resolve("home"), LaunchPlan.SANDBOX_HOME);
            EngineRun run = engine.prepare(new EngineRequest(job, TaskType.EXECUTE, workspace, home, credentials));
            OutputListener listener = (LogStream stream, String line) -> {
                synchronized (output) {
                    output.add(stream + ": " + line);
                }
                if (stream == LogStream.STDOUT) {
                    run.parser().accept(line);
                }
            };
            ProcessSpec spec = run.spec(workspace, timeout, Duration.ZERO, Duration.ofSeconds(1));
            ProcessOutcome outcome = runner.start(sandbox, Phase.EXECUTION, spec, listener).await();
            return new Run(outcome, run.result(), sandbox.id(), output);
        }
    }

    /**
     * The default limits, memory included where it is a cgroup; as an address-space limit (no writable cgroup)
     * it would stop node's WebAssembly and the Rust CLIs, which reserve far more than they use.
     */
    private static ResourceLimits limits() {
        return sandboxes.limitsMemoryByCgroup() ? ResourceLimits.defaults()
                : ResourceLimits.defaults().withMemoryBytes(0);
    }
}
