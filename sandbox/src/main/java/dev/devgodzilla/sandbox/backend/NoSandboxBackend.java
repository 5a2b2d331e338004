package dev.devgodzilla.sandbox.backend;

import java.util.List;
import java.util.Map;

/**
 * Runs commands directly on the host with only a cleaned environment and a private HOME and TMPDIR. It isolates
 * nothing (no read-only mounts, no network restriction), so it is only used when configured explicitly and is
 * always reported as a warning.
 */
public final class NoSandboxBackend implements SandboxBackend {

    public static final String WARNING = "sandbox backend 'none' is configured: agent processes run unisolated "
            + "with the worker's file system and network access";

    @Override
    public String name() {
        return "none";
    }

    @Override
    public BackendProbe probe() {
        return BackendProbe.ok("no isolation (configured explicitly)");
    }

    @Override
    public List<String> warnings() {
        return List.of(WARNING);
    }

    @Override
    public Launch launch(LaunchPlan plan) {
        Map<String, String> env = AgentEnvironment.complete(plan.env(), plan.homeDir().toString(),
                plan.tmpDir().toString(), null);
        return new Launch(plan.command(), env);
    }
}
