package dev.devgodzilla.worker.sandbox;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.agents.AgentSettings;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.sandbox.Sandbox;
import dev.devgodzilla.sandbox.SandboxManager;
import dev.devgodzilla.sandbox.SandboxPolicyException;
import dev.devgodzilla.sandbox.SandboxSpec;
import dev.devgodzilla.sandbox.SandboxStatus;
import dev.devgodzilla.sandbox.backend.LaunchPlan;
import dev.devgodzilla.sandbox.limits.ResourceLimits;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.config.WorkerConfig;

/**
 * Opens the sandbox of one attempt: the step's mode (or the agent's default, or the worker's), the agent's
 * credentials and egress allow-list from its configuration (the agent catalogue, kept current from
 * registry-service) and this worker's own settings, and the configured limits. Nothing the agent runs bypasses it.
 */
@ApplicationScoped
public class AttemptSandboxes {
    private static final long MIB = 1024L * 1024L;

    private static final WorkerConfig.AgentSettings NO_LOCAL_SETTINGS = Optional::empty;

    private final SandboxManager manager;
    private final WorkerConfig config;
    private final AgentCredentials credentials = AgentCredentials.ofProcess();

    public AttemptSandboxes(SandboxManager manager, WorkerConfig config) {
        this.manager = manager;
        this.config = config;
    }

    /**
     * Opens the attempt's sandbox.
     *
     * @param engineEnv what the engine adds to the environment; the agent's credentials are added here
     * @throws dev.devgodzilla.sandbox.SandboxPolicyException   the step asks for more than policy allows
     * @throws dev.devgodzilla.sandbox.SandboxUnavailableException the configured backend cannot run
     */
    public Sandbox open(SandboxJob job, Path workspace, Map<String, String> engineEnv) {
        WorkerConfig.SandboxSettings settings = config.sandbox();
        AgentSettings agent = agentSettings(job.agentId());
        SandboxMode mode = modeOf(job, agent, settings);
        SandboxSpec spec = new SandboxSpec(job.stepId(), workspace, mode,
                environment(job.agentId(), engineEnv), egress(job.agentId(), agent), limits(settings));
        return manager.open(settings.setupEgress().map(spec::withSetupEgressAllowList).orElse(spec));
    }

    /**
     * The step's mode, else the agent's default, else the worker's; refused above the agent's maximum (the
     * manager refuses what is above the worker's).
     */
    private static SandboxMode modeOf(SandboxJob job, AgentSettings agent, WorkerConfig.SandboxSettings settings) {
        SandboxMode mode = job.sandboxMode() != null ? job.sandboxMode()
                : agent.defaultMode() != null ? agent.defaultMode() : settings.defaultMode();
        if (job.sandboxMode() == null && mode.compareTo(settings.maxMode()) > 0) {
            // a default is a wish, not a request: it never fails a step that asked for nothing
            mode = settings.maxMode();
        }
        if (agent.maxMode() != null && mode.compareTo(agent.maxMode()) > 0) {
            throw new SandboxPolicyException("agent " + job.agentId() + " may run at most in " + agent.maxMode()
                    + " mode; the step asks for " + mode);
        }
        return mode;
    }

    /**
     * Opens the sandbox of a QA check in a step's workspace: the same limits as an attempt, but no
     * network, no credentials, no setup phase, and the workspace writable only where policy lets an
     * attempt write it.
     */
    public Sandbox openCheck(String stepId, Path workspace) {
        WorkerConfig.SandboxSettings settings = config.sandbox();
        SandboxMode mode = settings.maxMode().compareTo(SandboxMode.WORKSPACE_WRITE) < 0
                ? settings.maxMode() : SandboxMode.WORKSPACE_WRITE;
        return manager.open(SandboxSpec.of("qa-" + stepId, workspace, mode).withLimits(limits(settings)));
    }

    /** Hides the agent's credentials wherever its output goes: logs, events, artifacts. */
    public SecretRedactor redactorFor(String agentId) {
        return SecretRedactor.of(credentials(agentId).values());
    }

    public SandboxStatus status() {
        return manager.status();
    }

    public List<String> warnings() {
        return manager.warnings();
    }

    private Map<String, String> environment(String agentId, Map<String, String> engineEnv) {
        Map<String, String> env = new HashMap<>(engineEnv);
        env.putAll(credentials(agentId));
        return env;
    }

    /**
     * The private HOME of a run in {@code sandbox}: its host directory, where engines write config files,
     * and the path the agent sees (the sandbox's fixed HOME, or the host path when there is no isolation).
     */
    public RunHome homeOf(Sandbox sandbox) {
        Path host = sandbox.privateDir().resolve("home");
        boolean isolated = !"none".equals(manager.status().backend());
        return new RunHome(host, isolated ? LaunchPlan.SANDBOX_HOME : host.toString());
    }

    /**
     * The credentials of {@code agentId}'s runs: its configuration's references resolved on this worker, then
     * the worker's own {@code dg.worker.credentials.<agent>.<VAR>} values over them.
     */
    public Map<String, String> credentials(String agentId) {
        return credentials.resolve(agentId, agentSettings(agentId), config.credentials().getOrDefault(agentId, Map.of()));
    }

    /**
     * The hosts {@code agentId}'s runs may reach: its configuration's egress with its endpoint, the endpoint
     * this worker points it at, and the worker's own {@code dg.worker.sandbox.egress.<agent>} list.
     */
    /**
     * Why {@code agentId}'s runs would have no key here: its credentials whose references resolve to nothing on
     * this worker, or null when every one resolves (or its endpoint is this worker's own, which needs none).
     */
    public String missingCredentials(String agentId) {
        if (config.agents().getOrDefault(agentId, NO_LOCAL_SETTINGS).baseUrl().isPresent()) {
            return null;
        }
        List<String> missing = credentials.unresolved(agentId, agentSettings(agentId),
                config.credentials().getOrDefault(agentId, Map.of()));
        return missing.isEmpty() ? null : "no value on this worker for " + String.join(", ", missing)
                + ": runs reach the model without a key (set it, or change the reference with"
                + " `./dg agent config set " + agentId + " credentials.<VAR>=env:<NAME>`)";
    }

    private List<String> egress(String agentId, AgentSettings agent) {
        LinkedHashSet<String> hosts = new LinkedHashSet<>(agent.effectiveEgress());
        config.agents().getOrDefault(agentId, NO_LOCAL_SETTINGS).baseUrl()
                .ifPresent(url -> hosts.addAll(agent.withBaseUrl(url).effectiveEgress()));
        String local = config.sandbox().egress().get(agentId);
        if (local != null) {
            Arrays.stream(local.split(",")).map(String::trim).filter(h -> !h.isEmpty()).forEach(hosts::add);
        }
        return List.copyOf(hosts);
    }

    private static AgentSettings agentSettings(String agentId) {
        return AgentCatalog.find(agentId).map(AgentMetadata::settings).orElse(AgentSettings.NONE);
    }

    private static ResourceLimits limits(WorkerConfig.SandboxSettings settings) {
        return new ResourceLimits(settings.memoryMib() * MIB, settings.maxProcesses(), settings.maxOpenFiles(),
                settings.cpuSeconds(), settings.maxOutputMib() * MIB);
    }
}
