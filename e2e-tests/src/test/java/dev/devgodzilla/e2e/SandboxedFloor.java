package dev.devgodzilla.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.sandbox.Sandbox;
import dev.devgodzilla.sandbox.SandboxConfig;
import dev.devgodzilla.sandbox.SandboxManager;
import dev.devgodzilla.sandbox.SandboxProcess;
import dev.devgodzilla.sandbox.SandboxSpec;
import dev.devgodzilla.sandbox.bench.OverheadBenchmark;

/**
 * The benchmark's sandboxed floor: the dummy agent run once in a sandbox opened for it and closed after it, with
 * the worker's default limits (8 GiB memory and 512 processes by cgroup, 64 MiB of output), as an attempt does,
 * without anything of the pipeline around it.
 */
final class SandboxedFloor {
    private static final int WARM_UP = 5;

    private SandboxedFloor() {
    }

    /** ms of {@code rounds} opens + runs + closes in {@code mode}; a NETWORK_RESTRICTED one with one allowed host. */
    static List<Double> dummyStarts(Path projectRoot, int rounds, SandboxMode mode) throws Exception {
        Path workspace = Files.createTempDirectory("dg-bench-sandboxed-");
        Path state = Files.createTempDirectory("dg-bench-sandbox-state-");
        // the workspace is bound into the sandbox; the source tree need not be
        Files.copy(projectRoot.resolve("sandbox-worker/src/main/resources/engines/dg-dummy-agent"),
                workspace.resolve("dg-dummy-agent"));
        SandboxSpec spec = SandboxSpec.of("bench", workspace, mode).withLimits(OverheadBenchmark.WORKER_DEFAULTS);
        if (mode == SandboxMode.NETWORK_RESTRICTED) {
            spec = spec.withEgressAllowList(List.of("api.anthropic.com:443"));
        }
        List<Double> ms = new ArrayList<>();
        try (SandboxManager manager = new SandboxManager(SandboxConfig.defaults().withStateDir(state))) {
            if (!manager.status().available()) {
                throw new IllegalStateException("no sandbox for the floor: " + manager.status().reason());
            }
            for (int i = 0; i < rounds + WARM_UP; i++) {
                long start = System.nanoTime();
                try (Sandbox sandbox = manager.open(spec)) {
                    SandboxProcess run = sandbox.start(List.of("bash", "./dg-dummy-agent", "print ok"), Map.of());
                    run.stdout().readAllBytes();
                    if (run.waitFor() != 0) {
                        throw new IllegalStateException("the sandboxed dummy failed: "
                                + new String(run.stderr().readAllBytes()));
                    }
                }
                if (i >= WARM_UP) {
                    ms.add((System.nanoTime() - start) / 1e6);
                }
            }
        }
        return ms;
    }
}
