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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures what the sandbox adds to starting a trivial command: {@code /bin/true} directly versus through
 * bubblewrap sandboxes with different limits. The variants run interleaved, one of each per round, so a change
 * in the machine's load hits them all alike. Arguments: rounds (default 200), warm-up rounds (default 30).
 */
public final class OverheadBenchmark {

    private static final List<String> COMMAND = List.of("/bin/true");
    /** The worker's default sandbox limits (8 GiB, 512 processes, 64 MiB of output): what the benchmarks time. */
    public static final ResourceLimits WORKER_DEFAULTS = new ResourceLimits(8L << 30, 512, 0, 0, 64L << 20);

    private OverheadBenchmark() {
    }

    private interface Run {
        void once() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path workspace = Files.createTempDirectory("dg-bench-ws");
        Path state = Files.createTempDirectory("dg-bench-state");
        List<Sandbox> open = new ArrayList<>();
        try (SandboxManager manager = new SandboxManager(SandboxConfig.defaults().withStateDir(state))) {
            if (!manager.status().available()) {
                System.err.println("sandbox backend not usable: " + manager.status().reason());
                System.exit(2);
            }
            SandboxSpec production = SandboxSpec.of("bench", workspace, SandboxMode.WORKSPACE_WRITE)
                    .withLimits(WORKER_DEFAULTS);
            Map<String, Run> variants = new LinkedHashMap<>();
            variants.put("direct", OverheadBenchmark::runDirect);
            variants.put("bwrap, worker defaults (memory + pids cgroups)", runIn(manager, open, production));
            variants.put("bwrap, worker defaults, open + run + close per run", () -> {
                try (Sandbox sandbox = manager.open(production)) {
                    runIn(sandbox);
                }
            });
            variants.put("bwrap, plus open-files limit (prlimit exec)",
                    runIn(manager, open, production.withLimits(WORKER_DEFAULTS.withMaxOpenFiles(4096))));
            variants.put("bwrap, no limits", runIn(manager, open, production.withLimits(ResourceLimits.none())));
            variants.put("bwrap NETWORK_RESTRICTED (socat bridge + proxy)", runIn(manager, open,
                    production.withMode(SandboxMode.NETWORK_RESTRICTED)
                            .withEgressAllowList(List.of("api.anthropic.com:443"))));

            Map<String, double[]> results = measure(variants, rounds, warmup);
            System.out.printf(Locale.ROOT, "backend %s, memory cgroup %s, %d interleaved rounds after %d warm-up "
                            + "rounds of %s%n", manager.status().backend(), manager.limitsMemoryByCgroup(), rounds,
                    warmup, COMMAND);
            double[] direct = results.get("direct");
            results.forEach((label, ms) -> print(label, ms, label.equals("direct") ? null : direct));
        } finally {
            open.forEach(Sandbox::close);
            Files.deleteIfExists(workspace);
            try (var left = Files.list(state)) {
                if (left.findAny().isEmpty()) {
                    Files.deleteIfExists(state);
                }
            }
        }
    }

    private static Map<String, double[]> measure(Map<String, Run> variants, int rounds, int warmup)
            throws Exception {
        for (int i = 0; i < warmup; i++) {
            for (Run run : variants.values()) {
                run.once();
            }
        }
        Map<String, double[]> ms = new LinkedHashMap<>();
        variants.keySet().forEach(label -> ms.put(label, new double[rounds]));
        for (int i = 0; i < rounds; i++) {
            for (Map.Entry<String, Run> variant : variants.entrySet()) {
                long start = System.nanoTime();
                variant.getValue().once();
                ms.get(variant.getKey())[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        ms.values().forEach(Arrays::sort);
        return ms;
    }

    private static void runDirect() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(COMMAND).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("direct run failed");
        }
    }

    /** Runs in one sandbox opened for the whole benchmark: the cost of each start alone. */
    private static Run runIn(SandboxManager manager, List<Sandbox> open, SandboxSpec spec) {
        Sandbox sandbox = manager.open(spec);
        open.add(sandbox);
        return () -> runIn(sandbox);
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
            System.out.printf(Locale.ROOT, "%-52s median %6.2f ms  p90 %6.2f ms%n", label, median, p90);
            return;
        }
        double baseMedian = percentile(baseline, 50);
        System.out.printf(Locale.ROOT, "%-52s median %6.2f ms  p90 %6.2f ms  overhead %6.2f ms  ratio %5.1fx%n",
                label, median, p90, median - baseMedian, median / baseMedian);
    }

    private static double percentile(double[] sorted, int pct) {
        int index = (int) Math.ceil(pct / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
