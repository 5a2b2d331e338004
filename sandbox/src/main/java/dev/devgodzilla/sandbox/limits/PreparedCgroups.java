package dev.devgodzilla.sandbox.limits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

/**
 * The sandboxes' cgroups, one set prepared ahead for each pair of limits in use: opening a sandbox takes the
 * prepared set and starts preparing the next in the background. A set is ready when its launcher thread has moved
 * into its groups, and in cgroup v1 each such move waits for an RCU grace period (5-15 ms measured, twice per
 * sandbox with a pids and a memory group), which is then no longer part of an attempt's start. Every set is new:
 * one is never used by two sandboxes, so no run is charged for another's memory.
 */
public final class PreparedCgroups implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PreparedCgroups.class);

    private record Limits(int maxProcesses, long memoryBytes) {
    }

    private final Path pidsHome;
    private final Path memoryHome;
    private final Map<Limits, CompletableFuture<Optional<SandboxCgroup>>> prepared = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Groups below {@code pidsHome} and {@code memoryHome}; either may be null where it is not usable. */
    public PreparedCgroups(Path pidsHome, Path memoryHome) {
        this.pidsHome = pidsHome;
        this.memoryHome = memoryHome;
    }

    /**
     * A new set of groups bounding the process count to {@code maxProcesses} and the memory to {@code memoryBytes}
     * (0: no bound), the prepared one when it is ready or nearly so; empty when no group applies.
     */
    public Optional<SandboxCgroup> take(int maxProcesses, long memoryBytes) throws IOException {
        Limits limits = new Limits(maxProcesses, memoryBytes);
        if (!applies(limits)) {
            return Optional.empty();
        }
        CompletableFuture<Optional<SandboxCgroup>> ready = prepared.remove(limits);
        prepareNext(limits);
        if (ready != null) {
            try {
                return ready.join();
            } catch (CompletionException e) {
                LOG.debugf("A cgroup prepared ahead failed (%s); creating one now", e.getCause().getMessage());
            }
        }
        return create(limits);
    }

    private boolean applies(Limits limits) {
        return (pidsHome != null && limits.maxProcesses() > 0) || (memoryHome != null && limits.memoryBytes() > 0);
    }

    private void prepareNext(Limits limits) {
        if (closed) {
            return;
        }
        CompletableFuture<Optional<SandboxCgroup>> next = new CompletableFuture<>();
        if (prepared.putIfAbsent(limits, next) != null) {
            return; // another open is preparing it already
        }
        Thread.ofVirtual().name("cgroup-prepare").start(() -> {
            try {
                next.complete(create(limits));
            } catch (IOException | RuntimeException e) {
                next.completeExceptionally(e);
            }
            if (closed && prepared.remove(limits, next)) {
                next.join().ifPresent(SandboxCgroup::close);
            }
        });
    }

    private Optional<SandboxCgroup> create(Limits limits) throws IOException {
        String name = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return SandboxCgroup.create(pidsHome, memoryHome, name, limits.maxProcesses(), limits.memoryBytes());
    }

    /** Removes the sets prepared and not taken. */
    @Override
    public void close() {
        closed = true;
        for (Limits limits : prepared.keySet()) {
            CompletableFuture<Optional<SandboxCgroup>> left = prepared.remove(limits);
            if (left != null) {
                try {
                    left.join().ifPresent(SandboxCgroup::close);
                } catch (CompletionException e) {
                    LOG.debugf("A cgroup prepared ahead failed: %s", e.getCause().getMessage());
                }
            }
        }
    }
}
