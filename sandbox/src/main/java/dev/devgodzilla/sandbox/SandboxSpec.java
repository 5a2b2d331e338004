package dev.devgodzilla.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;


import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.sandbox.limits.ResourceLimits;

/**
 * What one step asks of its sandbox.
 *
 * @param stepId the step, used in log lines (for example egress denials)
 * @param workspace the step's workspace directory; resolved once with {@code toRealPath} when opened
 * @param mode the step's mode, bounded by the manager's maximum
 * @param env variables passed explicitly to the execution phase (the agent's credentials); nothing else of the
 *            worker's environment goes in, and the setup phase never gets them
 * @param egressAllowList {@code host[:port]} patterns the execution phase may reach through the proxy
 * @param limits resource limits of every process started in the sandbox
 * @param setupEgressAllowList {@code host[:port]} patterns the setup phase may reach through its own proxy
 */
public record SandboxSpec(String stepId, Path workspace, SandboxMode mode, Map<String, String> env,
                          List<String> egressAllowList, ResourceLimits limits, List<String> setupEgressAllowList) {

    /** What a setup command may reach unless configured otherwise: the public package registries. */
    public static final List<String> DEFAULT_SETUP_EGRESS = List.of(
            "registry.npmjs.org:443", "registry.yarnpkg.com:443", "pypi.org:443", "files.pythonhosted.org:443",
            "repo.maven.apache.org:443", "repo1.maven.org:443", "proxy.golang.org:443", "sum.golang.org:443",
            "index.crates.io:443", "static.crates.io:443", "rubygems.org:443", "github.com:443",
            "codeload.github.com:443", "objects.githubusercontent.com:443");

    /** A spec whose setup phase may reach the {@link #DEFAULT_SETUP_EGRESS} registries. */
    public SandboxSpec(String stepId, Path workspace, SandboxMode mode, Map<String, String> env,
                       List<String> egressAllowList, ResourceLimits limits) {
        this(stepId, workspace, mode, env, egressAllowList, limits, DEFAULT_SETUP_EGRESS);
    }

    public SandboxSpec {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(mode, "mode");
        env = env == null ? Map.of() : Map.copyOf(env);
        egressAllowList = egressAllowList == null ? List.of() : List.copyOf(egressAllowList);
        limits = limits == null ? ResourceLimits.defaults() : limits;
        setupEgressAllowList = setupEgressAllowList == null ? List.of() : List.copyOf(setupEgressAllowList);
    }

    public static SandboxSpec of(String stepId, Path workspace, SandboxMode mode) {
        return new SandboxSpec(stepId, workspace, mode, Map.of(), List.of(), ResourceLimits.defaults());
    }

    public SandboxSpec withEnv(Map<String, String> value) {
        return new SandboxSpec(stepId, workspace, mode, value, egressAllowList, limits, setupEgressAllowList);
    }

    public SandboxSpec withEgressAllowList(List<String> value) {
        return new SandboxSpec(stepId, workspace, mode, env, value, limits, setupEgressAllowList);
    }

    public SandboxSpec withLimits(ResourceLimits value) {
        return new SandboxSpec(stepId, workspace, mode, env, egressAllowList, value, setupEgressAllowList);
    }

    public SandboxSpec withMode(SandboxMode value) {
        return new SandboxSpec(stepId, workspace, value, env, egressAllowList, limits, setupEgressAllowList);
    }

    public SandboxSpec withSetupEgressAllowList(List<String> value) {
        return new SandboxSpec(stepId, workspace, mode, env, egressAllowList, limits, value);
    }
}
