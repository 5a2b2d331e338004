package dev.devgodzilla.sandbox.bench;

import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.sandbox.Sandbox;
import dev.devgodzilla.sandbox.SandboxConfig;
import dev.devgodzilla.sandbox.SandboxManager;
import dev.devgodzilla.sandbox.SandboxProcess;
import dev.devgodzilla.sandbox.SandboxSpec;
import dev.devgodzilla.sandbox.limits.ResourceLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures what the sandbox adds to starting a trivial command: {@code /bin/true} directly versus through a
 * bubblewrap sandbox in WORKSPACE_WRITE mode with the production flag set. Arguments: runs (default 200),
 * warm-up runs (default 30).
 */
public final class OverheadBenchmark {

    private static final List<String> COMMAND = List.of("/bin/true");

    private OverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path workspace = Files.createTempDirectory("dg-bench-ws");
        Path state = Files.createTempDirectory("dg-bench-state");
        try (SandboxManager manager = new SandboxManager(SandboxConfig.defaults().withStateDir(state))) {
            if (!manager.status().available()) {
                System.err.println("sandbox backend not usable: " + manager.status().reason());
                System.exit(2);
            }
            SandboxSpec production = SandboxSpec.of("bench", workspace, SandboxMode.WORKSPACE_WRITE);
            SandboxSpec noLimits = production.withLimits(ResourceLimits.none());
            SandboxSpec restricted = production.withMode(SandboxMode.NETWORK_RESTRICTED)
                    .withEgressAllowList(List.of("api.anthropic.com:443"));

            double[] direct = measure(runs, warmup, OverheadBenchmark::runDirect);
            double[] sandboxed;
            double[] bare;
            double[] proxied;
            try (Sandbox sandbox = manager.open(production)) {
                sandboxed = measure(runs, warmup, () -> runIn(sandbox));
            }
            try (Sandbox sandbox = manager.open(noLimits)) {
                bare = measure(runs, warmup, () -> runIn(sandbox));
            }
            try (Sandbox sandbox = manager.open(restricted)) {
                proxied = measure(Math.max(20, runs / 4), Math.min(warmup, 10), () -> runIn(sandbox));
            }
            System.out.printf(Locale.ROOT, "backend %s, %d runs after %d warm-up runs of %s%n",
                    manager.status().backend(), runs, warmup, COMMAND);
            print("direct", direct, null);
            print("bwrap WORKSPACE_WRITE (production: prlimit + pids cgroup)", sandboxed, direct);
            print("bwrap WORKSPACE_WRITE without limits (no prlimit, no cgroup)", bare, direct);
            print("bwrap NETWORK_RESTRICTED (socat bridge + proxy)", proxied, direct);
        } finally {
            Files.deleteIfExists(workspace);
            try (var left = Files.list(state)) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(state);
                }
            }
        }
    }

    private interface Run {
        void once() throws Exception;
    }

    private static double[] measure(int runs, int warmup, Run run) throws Exception {
        for (int i = 0; i < warmup; i++) {
            run.once();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            run.once();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void runDirect() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(COMMAND).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("direct run failed");
        }
    }

    private static void runIn(Sandbox sandbox) throws InterruptedException, IOException {
        SandboxProcess p = sandbox.start(COMMAND, Map.of());
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("sandboxed run failed: " + new String(p.stderr().readAllBytes()));
        }
    }

    private static void print(String label, double[] sorted, double[] baseline) {
        double median = percentile(sorted, 50);
        double p90 = percentile(sorted, 90);
        if (baseline == null) {
            System.out.printf(Locale.ROOT, "%-62s median %7.2f ms  p90 %7.2f ms%n", label, median, p90);
            return;
        }
        double baseMedian = percentile(baseline, 50);
        System.out.printf(Locale.ROOT, "%-62s median %7.2f ms  p90 %7.2f ms  overhead %6.2f ms  ratio %5.1fx%n",
                label, median, p90, median - baseMedian, median / baseMedian);
    }

    private static double percentile(double[] sorted, int pct) {
        int index = (int) Math.ceil(pct / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
