package dev.devgodzilla.worker.sandbox;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


import jakarta.enterprise.context.ApplicationScoped;


import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.sandbox.Sandbox;
import dev.devgodzilla.sandbox.SandboxManager;
import dev.devgodzilla.sandbox.SandboxSpec;
import dev.devgodzilla.sandbox.SandboxStatus;
import dev.devgodzilla.sandbox.backend.LaunchPlan;
import dev.devgodzilla.sandbox.limits.ResourceLimits;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.config.WorkerConfig;

/**
 * Opens the sandbox of one attempt: the step's mode (or the default), the agent's credentials and
 * egress allow-list, and the configured limits. Nothing the agent runs bypasses it.
 */
@ApplicationScoped
public class AttemptSandboxes {
    private static final long MIB = 1024L * 1024L;

    private final SandboxManager manager;
    private final WorkerConfig config;

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
        SandboxSpec spec = new SandboxSpec(job.stepId(), workspace,
                job.sandboxMode() != null ? job.sandboxMode() : settings.defaultMode(),
                environment(job.agentId(), engineEnv), egress(job.agentId()), limits(settings));
        return manager.open(settings.setupEgress().map(spec::withSetupEgressAllowList).orElse(spec));
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

    /** The credentials configured for {@code agentId}. */
    public Map<String, String> credentials(String agentId) {
        return config.credentials().getOrDefault(agentId, Map.of());
    }

    private List<String> egress(String agentId) {
        String hosts = config.sandbox().egress().get(agentId);
        if (hosts == null || hosts.isBlank()) {
            return List.of();
        }
        return Arrays.stream(hosts.split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
    }

    private static ResourceLimits limits(WorkerConfig.SandboxSettings settings) {
        return new ResourceLimits(settings.memoryMib() * MIB, settings.maxProcesses(), settings.maxOpenFiles(),
                settings.cpuSeconds(), settings.maxOutputMib() * MIB);
    }
}
