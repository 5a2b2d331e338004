package dev.devgodzilla.sandbox.limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

/**
 * The v1 cgroups of one sandbox: in the {@code pids} hierarchy to bound its process count (the kernel ignores
 * RLIMIT_NPROC for root), in the {@code memory} hierarchy to bound the memory of all its processes together
 * (unlike RLIMIT_AS this counts what is used, not what is reserved, so runtimes that reserve large address ranges
 * still start). Each group is created below the worker's own group of that hierarchy, so limits set on the
 * worker's container keep applying.
 *
 * <p>A process is placed in the groups without an extra exec: the sandbox has a launcher thread of its own that
 * moves into the groups once (v1 lets single threads move through {@code tasks}) and forks every process of the
 * sandbox; a child inherits the groups of the thread that forked it. Moving a thread waits for an RCU grace period
 * in v1 (unless another move came just before), so it happens once per group, not per process, and a group serves
 * one sandbox after another ({@link CgroupPool}): {@link #limit} sets each one's limits.
 */
public final class SandboxCgroup implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SandboxCgroup.class);
    static final String PIDS = "pids";
    static final String MEMORY = "memory";
    /** Groups are named {@code devgodzilla-<worker pid>-<sandbox id>}, so a restarted worker can find a dead one's. */
    private static final String PREFIX = "devgodzilla-";
    /** How long closing waits for a group to empty, to remove it or give it to the next sandbox (the sweep retries). */
    private static final long MAX_REMOVE_WAIT_MICROS = 1_000_000;

    /** One group: where the worker's thread lives in that hierarchy, and the sandbox's group below it. */
    private record Group(String controller, Path home, Path dir) {
    }

    private final List<Group> groups;
    private final String name;
    /** The thread that lives in the groups and forks; started when the first group exists. */
    private ExecutorService launcher;
    private volatile String launcherTid;

    private SandboxCgroup(List<Group> groups, String name) {
        this.groups = groups;
        this.name = name;
    }

    /** The worker's own group in {@code controller}'s hierarchy under {@code root}, if it can create groups there. */
    public static Optional<Path> writableHome(Path root, String controller) {
        if (root == null) {
            return Optional.empty();
        }
        try {
            Path home = ownGroup(root.resolve(controller), controller);
            return Files.isWritable(home.resolve("tasks")) && Files.isWritable(home) ? Optional.of(home)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates {@code devgodzilla-<name>} groups in every hierarchy whose home is given, with no limits yet, and its
     * launcher inside them ({@link #limit} sets them for each sandbox that uses the groups). Empty when no home is.
     */
    static Optional<SandboxCgroup> make(Path pidsHome, Path memoryHome, String name) throws IOException {
        SandboxCgroup cgroup = new SandboxCgroup(new ArrayList<>(), name);
        try {
            if (pidsHome != null) {
                cgroup.add(PIDS, pidsHome, name);
            }
            if (memoryHome != null) {
                cgroup.add(MEMORY, memoryHome, name);
            }
            if (cgroup.groups.isEmpty()) {
                return Optional.empty();
            }
            cgroup.startLauncher();
        } catch (IOException | RuntimeException e) {
            cgroup.close();
            throw e;
        }
        return Optional.of(cgroup);
    }

    /**
     * Bounds what runs in the groups to {@code maxProcesses} tasks and {@code memoryBytes} (0: unbounded). A group
     * that has been used before may refuse a memory limit below what is still charged to it (its page cache).
     */
    void limit(int maxProcesses, long memoryBytes) throws IOException {
        for (Group g : groups) {
            if (g.controller().equals(PIDS)) {
                Files.writeString(g.dir().resolve("pids.max"),
                        maxProcesses > 0 ? Integer.toString(maxProcesses) : "max");
            } else {
                String limit = memoryBytes > 0 ? Long.toString(memoryBytes) : "-1";
                // with swap accounting on, swap counts too (without it the file is absent); memory + swap may never
                // be set below memory alone, so it is lifted first and set to the same limit after
                Path memsw = g.dir().resolve("memory.memsw.limit_in_bytes");
                boolean swap = Files.exists(memsw);
                if (swap) {
                    Files.writeString(memsw, "-1");
                }
                Files.writeString(g.dir().resolve("memory.limit_in_bytes"), limit);
                if (swap) {
                    Files.writeString(memsw, limit);
                }
            }
        }
    }

    /** Whether the groups hold nothing but the launcher (the worker's own threads that strayed in are moved out). */
    boolean holdsOnlyLauncher() {
        long self = ProcessHandle.current().pid();
        for (Group g : groups) {
            try {
                for (String line : Files.readAllLines(g.dir().resolve("cgroup.procs"), StandardCharsets.US_ASCII)) {
                    if (!line.isBlank() && Long.parseLong(line.trim()) != self) {
                        return false;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return false;
            }
            evictOwnThreads(g);
        }
        return launcher != null && !launcher.isShutdown();
    }

    /** Kills every process in the groups (the worker's launcher is a thread, not a process, and stays). */
    void killInside() {
        groups.forEach(SandboxCgroup::killAll);
    }

    private void startLauncher() throws IOException {
        launcher = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
                .name("sandbox-launcher-" + name).unstarted(r));
        try {
            launcherTid = launcher.submit(() -> {
                String tid = currentTid();
                for (Group g : groups) {
                    Files.writeString(g.dir().resolve("tasks"), tid);
                }
                return tid;
            }).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while preparing the sandbox's cgroups", e);
        }
    }

    /**
     * Removes the groups that workers which are no longer running left under {@code home} (a worker killed with
     * SIGKILL cannot clean up), killing what still runs in them first: a sandbox whose worker died in the instant
     * bwrap was launched outlives it (bwrap sets its parent-death signal only after its fork), and nothing else
     * would ever stop it.
     */
    public static void sweepStale(Path home) {
        if (home == null) {
            return;
        }
        try (var dirs = Files.list(home)) {
            dirs.filter(dir -> ownerIsGone(dir.getFileName().toString())).forEach(dir -> {
                Group stale = new Group("stale", home, dir);
                int killed = killAll(stale);
                if (killed > 0) {
                    LOG.warnf("Killed %d process(es) still running in cgroup %s, left by a worker that is gone",
                            killed, dir);
                }
                remove(stale);
                if (!Files.isDirectory(dir)) {
                    LOG.infof("Removed cgroup %s left by a worker that is gone", dir);
                }
            });
        } catch (IOException e) {
            LOG.debugf("Cannot list %s: %s", home, e.getMessage());
        }
    }

    private static boolean ownerIsGone(String name) {
        if (!name.startsWith(PREFIX)) {
            return false;
        }
        String rest = name.substring(PREFIX.length());
        int dash = rest.indexOf('-');
        try {
            // groups of the older naming without a pid have no owner to ask about
            long pid = dash < 0 ? -1 : Long.parseLong(rest.substring(0, dash));
            return pid < 0 || ProcessHandle.of(pid).isEmpty();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static String currentTid() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
    }

    private Group add(String controller, Path home, String name) throws IOException {
        Path dir = home.resolve(PREFIX + ProcessHandle.current().pid() + "-" + name);
        Files.createDirectory(dir);
        Group group = new Group(controller, home, dir);
        groups.add(group);
        return group;
    }

    /** The group directories, one per hierarchy. */
    public List<Path> dirs() {
        return groups.stream().map(Group::dir).toList();
    }

    public boolean limitsProcesses() {
        return groups.stream().anyMatch(g -> g.controller().equals(PIDS));
    }

    public boolean limitsMemory() {
        return groups.stream().anyMatch(g -> g.controller().equals(MEMORY));
    }

    /** The part of {@code limits} that still has to be applied per process, as rlimits. */
    public ResourceLimits remainingRlimits(ResourceLimits limits) {
        ResourceLimits rest = limits;
        if (limitsMemory()) {
            rest = rest.withMemoryBytes(0);
        }
        if (limitsProcesses()) {
            rest = rest.withMaxProcesses(0);
        }
        return rest;
    }

    /** Runs {@code fork} (which must start the process on the calling thread) on the launcher inside the groups. */
    public <T> T fork(Callable<T> fork) throws Exception {
        try {
            return launcher.submit(() -> {
                try {
                    return fork.call();
                } finally {
                    // threads the JVM created from here (such as its process reaper) inherited the groups
                    groups.forEach(this::evictOwnThreads);
                }
            }).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Moves the worker's threads other than the launcher back to the worker's own group. */
    private void evictOwnThreads(Group g) {
        try {
            for (String line : Files.readAllLines(g.dir().resolve("tasks"), StandardCharsets.US_ASCII)) {
                String tid = line.trim();
                if (!tid.isEmpty() && !tid.equals(launcherTid) && Files.exists(Path.of("/proc/self/task", tid))) {
                    Files.writeString(g.home().resolve("tasks"), tid);
                }
            }
        } catch (IOException e) {
            LOG.debugf("Moving threads out of %s: %s", g.dir(), e.getMessage());
        }
    }

    /** Kills whatever is still inside, then removes the groups once it has gone. */
    @Override
    public void close() {
        stopLauncher();
        for (Group g : groups) {
            remove(g);
        }
    }

    /** Ends the launcher thread and moves any other thread of the worker out of the groups. */
    private void stopLauncher() {
        if (launcher != null) {
            launcher.shutdown();
            try {
                if (!launcher.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warnf("Launcher of sandbox %s did not stop", name);
                    launcherTid = null; // still running: moved out with the others
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                launcherTid = null;
            }
            // Otherwise the launcher has ended, though its OS thread may be listed a moment longer while it exits.
            // It is not moved out: in cgroup v1 each move waits for an RCU grace period (5-15 ms measured), and an
            // exiting thread leaves the groups on its own; removing them waits for that (or, after runs that have
            // all ended, is done in the background).
        }
        for (Group g : groups) {
            evictOwnThreads(g);
        }
    }

    /**
     * Closes the groups of a sandbox whose runs have all ended: what is left inside is only exiting (a run's PID
     * namespace can take ten milliseconds and more to end after its init has been reaped), so the groups are
     * removed at once where they are empty, else in the background, and the end of an attempt does not wait.
     */
    public void closeAfterRuns() {
        stopLauncher();
        List<Group> busy = groups.stream().filter(g -> !removedAtOnce(g)).toList();
        if (!busy.isEmpty()) {
            Thread.ofVirtual().name("cgroup-remove-" + name).start(() -> busy.forEach(SandboxCgroup::remove));
        }
    }

    /** Kills what is inside and removes the group if that leaves it empty; whether it is gone. */
    private static boolean removedAtOnce(Group g) {
        killAll(g);
        try {
            Files.delete(g.dir());
            return true;
        } catch (IOException busy) {
            return !Files.isDirectory(g.dir());
        }
    }

    /** Removes the group, waiting up to {@link #MAX_REMOVE_WAIT_MICROS} for what was killed in it to go. */
    private static void remove(Group g) {
        if (!afterExits(() -> removedAtOnce(g))) {
            LOG.warnf("Could not remove cgroup %s%s", g.dir(), Thread.currentThread().isInterrupted()
                    ? ": interrupted" : "");
        }
    }

    /**
     * Whether the groups hold nothing but the launcher within {@link #MAX_REMOVE_WAIT_MICROS}, killing what is
     * inside on each look.
     */
    boolean emptiesOfOthers() {
        return afterExits(() -> {
            killInside();
            return holdsOnlyLauncher();
        });
    }

    /**
     * Whether {@code done} comes true within {@link #MAX_REMOVE_WAIT_MICROS}, asked again while killed processes are
     * still exiting (a PID namespace ending takes a moment after its init has been reaped): short pauses first, as
     * it is usually a matter of a millisecond or two. False when interrupted, with the interrupt kept.
     */
    private static boolean afterExits(BooleanSupplier done) {
        long pauseMicros = 200;
        for (long waited = 0; !done.getAsBoolean();
                waited += pauseMicros, pauseMicros = Math.min(pauseMicros * 2, 20_000)) {
            if (waited >= MAX_REMOVE_WAIT_MICROS) {
                return false;
            }
            try {
                Thread.sleep(Duration.ofNanos(pauseMicros * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Kills every process in the group but this one; returns how many it signalled. */
    private static int killAll(Group g) {
        long self = ProcessHandle.current().pid();
        int killed = 0;
        try {
            for (String line : Files.readAllLines(g.dir().resolve("cgroup.procs"), StandardCharsets.US_ASCII)) {
                if (!line.isBlank() && Long.parseLong(line.trim()) != self) {
                    Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(line.trim()));
                    if (process.isPresent() && process.get().destroyForcibly()) {
                        killed++;
                    }
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // the group is already gone
        }
        return killed;
    }

    /** The calling thread's group in a hierarchy mounted at {@code mount}. */
    private static Path ownGroup(Path mount, String controller) throws IOException {
        // lines look like "8:pids:/some/path"; the path is relative to the hierarchy's mount point
        for (String line : Files.readAllLines(Path.of("/proc/thread-self/cgroup"))) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && List.of(parts[1].split(",")).contains(controller)) {
                String rel = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
                Path group = rel.isEmpty() ? mount : mount.resolve(rel);
                // inside a container without its own cgroup namespace the path may not be visible: use the mount
                return Files.isDirectory(group) ? group : mount;
            }
        }
        throw new IOException("no " + controller + " hierarchy in /proc/thread-self/cgroup");
    }
}
