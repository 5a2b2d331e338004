package dev.devgodzilla.sandbox.limits;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A per-sandbox cgroup in the v1 {@code pids} hierarchy, used to bound the number of processes when the worker
 * runs as root (the kernel does not enforce RLIMIT_NPROC for uid 0). A process is placed in it without an extra
 * exec: the launching thread moves itself in, forks, and moves back (v1 lets single threads move through
 * {@code tasks}); the child inherits the cgroup of the thread that forked it.
 */
public final class PidsCgroup implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PidsCgroup.class);

    private final Path root;
    private final Path dir;

    private PidsCgroup(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    /** True when {@code root} is a writable v1 pids hierarchy (it has a {@code tasks} file). */
    public static boolean usable(Path root) {
        return root != null && Files.isWritable(root.resolve("tasks")) && Files.isWritable(root);
    }

    /** Creates {@code root/devgodzilla-<name>} with {@code pids.max = max}. */
    public static PidsCgroup create(Path root, String name, int max) throws IOException {
        Path dir = root.resolve("devgodzilla-" + name);
        Files.createDirectory(dir);
        PidsCgroup cgroup = new PidsCgroup(root, dir);
        try {
            Files.writeString(dir.resolve("pids.max"), Integer.toString(max));
        } catch (IOException e) {
            cgroup.close();
            throw e;
        }
        return cgroup;
    }

    /**
     * Runs {@code fork} (which must start the process on the calling thread) with the calling thread inside the
     * cgroup. Must be called on a platform thread, since a virtual thread can change carrier thread in between.
     */
    public <T> T forkInside(Callable<T> fork) throws Exception {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("forkInside needs a platform thread");
        }
        String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        Path home = originalGroup();
        Files.writeString(dir.resolve("tasks"), tid);
        try {
            return fork.call();
        } finally {
            Files.writeString(home.resolve("tasks"), tid);
            // threads the JVM created meanwhile (such as its process reaper) inherited the group; move them out
            evictOwnThreads(home);
        }
    }

    private void evictOwnThreads(Path home) {
        try {
            for (String line : Files.readAllLines(dir.resolve("tasks"), StandardCharsets.US_ASCII)) {
                String tid = line.trim();
                if (!tid.isEmpty() && Files.exists(Path.of("/proc/self/task", tid))) {
                    Files.writeString(home.resolve("tasks"), tid);
                }
            }
        } catch (IOException e) {
            LOG.debugf("Moving threads out of %s: %s", dir, e.getMessage());
        }
    }

    /** Number of processes (and threads) currently in the cgroup. */
    public int current() {
        try {
            return Integer.parseInt(Files.readString(dir.resolve("pids.current")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Kills whatever is still inside, then removes the cgroup. */
    @Override
    public void close() {
        try {
            evictOwnThreads(originalGroup());
        } catch (IOException e) {
            LOG.debugf("Cannot read own cgroup: %s", e.getMessage());
        }
        for (int attempt = 0; attempt < 50 && Files.isDirectory(dir); attempt++) {
            killAll();
            try {
                Files.delete(dir);
                return;
            } catch (IOException busy) {
                // processes are still exiting; try again shortly
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (Files.isDirectory(dir)) {
            LOG.warnf("Could not remove cgroup %s", dir);
        }
    }

    private void killAll() {
        long self = ProcessHandle.current().pid();
        try {
            for (String line : Files.readAllLines(dir.resolve("cgroup.procs"), StandardCharsets.US_ASCII)) {
                if (!line.isBlank() && Long.parseLong(line.trim()) != self) {
                    ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // the group is already gone
        }
    }

    private Path originalGroup() throws IOException {
        // lines look like "8:pids:/some/path"; the path is relative to the hierarchy's mount point
        List<String> lines = Files.readAllLines(Path.of("/proc/thread-self/cgroup"));
        for (String line : lines) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3 && List.of(parts[1].split(",")).contains("pids")) {
                String rel = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
                return rel.isEmpty() ? root : root.resolve(rel);
            }
        }
        return root;
    }
}
