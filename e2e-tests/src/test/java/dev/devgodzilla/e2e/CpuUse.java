package dev.devgodzilla.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time spent by the stack's processes, read from {@code /proc} (user + system, in ms): each service with the
 * children it has waited for (a worker's sandboxes), the benchmark's own JVM (which hosts the broker), PostgreSQL
 * (all its processes), and the host as a whole. Two snapshots around a burst say where its CPU went.
 */
final class CpuUse {
    /** USER_HZ: the unit of /proc's CPU times; 100 on every Linux architecture the layer runs on. */
    private static final double MS_PER_TICK = 10.0;

    private CpuUse() {
    }

    /** CPU used so far, in ms, by part: each service (own, and its waited-for children), broker, database, host. */
    static Map<String, Double> snapshot(List<ServiceProcess> services, int postgresPort) throws IOException {
        Map<String, Double> ms = new LinkedHashMap<>();
        for (ServiceProcess service : services) {
            long[] times = times(service.pid());
            ms.put(service.name(), (times[0] + times[1]) * MS_PER_TICK);
            ms.put(service.name() + " (its child processes)", (times[2] + times[3]) * MS_PER_TICK);
        }
        long[] bench = times(ProcessHandle.current().pid());
        ms.put("broker and benchmark (one JVM)", (bench[0] + bench[1]) * MS_PER_TICK);
        ms.put("postgresql", postgresMs(postgresPort));
        ms.put("host, every process", hostBusyTicks() * MS_PER_TICK);
        return ms;
    }

    /** What each part spent from {@code before} to {@code after}, two snapshots of the same parts. */
    static Map<String, Double> spent(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> ms = new LinkedHashMap<>();
        before.forEach((part, was) -> ms.put(part, after.get(part) - was));
        return ms;
    }

    /**
     * The server listening on {@code port} (started with it among its arguments; it runs detached, not as a child
     * of this JVM) with the backends it has waited for, and those still running.
     */
    private static double postgresMs(int port) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(Integer.toString(port))).orElse(false))
                .findFirst()
                .map(server -> {
                    long ticks = sum(server.pid(), true);
                    ticks += server.children().mapToLong(backend -> sum(backend.pid(), false)).sum();
                    return ticks * MS_PER_TICK;
                }).orElse(Double.NaN);
    }

    private static long sum(long pid, boolean withWaitedForChildren) {
        try {
            long[] t = times(pid);
            return t[0] + t[1] + (withWaitedForChildren ? t[2] + t[3] : 0);
        } catch (IOException gone) {
            return 0; // a backend that ended between the listing and the read; its parent has its time now
        }
    }

    /** utime, stime, cutime, cstime of one process, in ticks. */
    private static long[] times(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // the fields after the command name, which is in parentheses and may hold spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // state is field 3 of the whole line, so utime (field 14) is index 11 here
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
                Long.parseLong(fields[14])};
    }

    /** Ticks the host's CPUs spent on work since boot: any process and the kernel's interrupts. */
    private static long hostBusyTicks() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
        long busy = 0;
        // user, nice, system, (idle, iowait), irq, softirq; not steal, the time a hypervisor gave to others
        for (int i = 1; i < cpu.length && i <= 7; i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(cpu[i]);
            }
        }
        return busy;
    }
}
