package dev.devgodzilla.sandbox;

import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.sandbox.limits.ResourceLimits;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one step asks of its sandbox.
 *
 * @param stepId the step, used in log lines (for example egress denials)
 * @param workspace the step's workspace directory; resolved once with {@code toRealPath} when opened
 * @param mode the step's mode, bounded by the manager's maximum
 * @param env variables passed explicitly (the agent's credentials); nothing else of the worker's environment goes in
 * @param egressAllowList {@code host[:port]} patterns the execution phase may reach through the proxy
 * @param limits resource limits of every process started in the sandbox
 */
public record SandboxSpec(String stepId, Path workspace, SandboxMode mode, Map<String, String> env,
                          List<String> egressAllowList, ResourceLimits limits) {

    public SandboxSpec {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(mode, "mode");
        env = env == null ? Map.of() : Map.copyOf(env);
        egressAllowList = egressAllowList == null ? List.of() : List.copyOf(egressAllowList);
        limits = limits == null ? ResourceLimits.defaults() : limits;
    }

    public static SandboxSpec of(String stepId, Path workspace, SandboxMode mode) {
        return new SandboxSpec(stepId, workspace, mode, Map.of(), List.of(), ResourceLimits.defaults());
    }

    public SandboxSpec withEnv(Map<String, String> value) {
        return new SandboxSpec(stepId, workspace, mode, value, egressAllowList, limits);
    }

    public SandboxSpec withEgressAllowList(List<String> value) {
        return new SandboxSpec(stepId, workspace, mode, env, value, limits);
    }

    public SandboxSpec withLimits(ResourceLimits value) {
        return new SandboxSpec(stepId, workspace, mode, env, egressAllowList, value);
    }

    public SandboxSpec withMode(SandboxMode value) {
        return new SandboxSpec(stepId, workspace, value, env, egressAllowList, limits);
    }
}
