package dev.devgodzilla.worker.way.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;


import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.worker.way.cli.parse.AgentResult;
import dev.devgodzilla.worker.way.cli.parse.StreamParser;

/**
 * The shared part of every headless CLI agent: finds its binary, writes its config files into the
 * run's private HOME, and puts together the command line (the agent's own arguments after the binary),
 * an environment with per-run XDG dirs and the agent directories on PATH, and the agent's stream parser.
 * Standard input, live output, limits and tree kills are the process runner's and the sandbox's.
 */
public abstract class CliEngine implements Engine {
    protected final AgentMetadata agent;
    protected final CliEngineSettings settings;
    private final BinaryLocator locator;

    /** The engine of catalogue agent {@code agentId}; the catalogue entry holds its binary, model and hints. */
    protected CliEngine(String agentId, CliEngineSettings settings) {
        this.agent = AgentCatalog.find(agentId).orElseThrow(() -> new IllegalStateException(
                "agent " + agentId + " has an engine but no catalogue entry; add it to agents.yaml"));
        this.settings = settings;
        this.locator = BinaryLocator.withWorkerPath(settings.agentDirs());
    }

    @Override
    public String agentId() {
        return agent.id();
    }

    /** The executable looked for. */
    public String binary() {
        return agent.binary();
    }

    /** The agent's arguments for this run, after the binary; the task type picks the approval policy. */
    protected abstract List<String> arguments(EngineRequest request);

    /**
     * The arguments that resume {@code sessionId} in a headless run, added after {@link #arguments}; empty for an
     * agent that cannot resume by id, which then gets a fresh run with the conversation in its prompt.
     */
    protected List<String> resumeArguments(String sessionId) {
        return List.of();
    }

    /** {@code args} with the resume arguments where this CLI takes them: by default, at the end. */
    protected List<String> withResume(List<String> args, String sessionId) {
        List<String> all = new ArrayList<>(args);
        all.addAll(resumeArguments(sessionId));
        return all;
    }

    /** Whether this agent's CLI can resume a session by id (see {@link #resumeArguments}). */
    public boolean resumes() {
        return !resumeArguments("probe").isEmpty();
    }

    /** The agent's own variables (endpoint, off-switches, config dirs). */
    protected Map<String, String> environment(EngineRequest request) {
        return Map.of();
    }

    /**
     * True for CLIs that read their prompt on standard input, where it has no size limit and no other host
     * user can read it; their {@link #arguments} then leave the prompt out.
     */
    protected boolean promptOnStdin() {
        return false;
    }

    /** A fresh parser for one run's standard output. */
    protected abstract StreamParser parser();

    /** What to add to the parsed result once the process has ended; nothing by default. */
    protected UnaryOperator<AgentResult> afterExit(EngineRequest request) {
        return UnaryOperator.identity();
    }

    @Override
    public EngineRun plan(EngineRequest request) throws IOException {
        return run(request.withTaskType(TaskType.PLAN));
    }

    @Override
    public EngineRun execute(EngineRequest request) throws IOException {
        return run(request.withTaskType(TaskType.EXECUTE));
    }

    @Override
    public EngineRun qa(EngineRequest request) throws IOException {
        return run(request.withTaskType(TaskType.QA));
    }

    private EngineRun run(EngineRequest request) throws IOException {
        Path binary = locate().orElseThrow(() -> new EngineUnavailableException(notFound()));
        syncConfig(request);
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(request.resumeSession() == null ? arguments(request)
                : withResume(arguments(request), request.resumeSession()));
        CommandLineLimit.check(agent.name(), command);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", settings.runPath());
        env.put("XDG_CONFIG_HOME", request.home().visible(".config"));
        env.put("XDG_DATA_HOME", request.home().visible(".local/share"));
        env.put("XDG_CACHE_HOME", request.home().visible(".cache"));
        env.put("XDG_STATE_HOME", request.home().visible(".local/state"));
        env.putAll(environment(request));
        return new EngineRun(command, env, parser(), afterExit(request),
                promptOnStdin() ? request.framedPrompt() : null);
    }

    public Optional<Path> locate() {
        return locator.find(binary());
    }

    @Override
    public EngineHealth checkAvailability() {
        long start = System.nanoTime();
        return locate().isPresent() ? EngineHealth.up(null, elapsedMs(start))
                : EngineHealth.down(notFound(), elapsedMs(start));
    }

    private String notFound() {
        return "`" + binary() + "` not found on PATH" + (settings.agentDirs().isEmpty() ? ""
                : " or in " + settings.agentDirs()) + "; " + agent.installHint();
    }

    /** The model of the job or the catalogue's; null when neither names a concrete one. */
    protected String model(EngineRequest request) {
        String model = request.modelOr(agent.defaultModel());
        return model == null || model.isBlank() || "auto".equals(model) ? null : model;
    }

    /** Adds {@code flag model} when there is a model to name. */
    protected void addModel(List<String> args, String flag, EngineRequest request) {
        String model = model(request);
        if (model != null) {
            args.add(flag);
            args.add(model);
        }
    }

    /** A credential of this agent, or {@code fallback}. */
    protected static String credential(EngineRequest request, String name, String fallback) {
        return request.credentials().getOrDefault(name, fallback);
    }

    protected Optional<String> baseUrl() {
        return settings.baseUrl(agentId());
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
