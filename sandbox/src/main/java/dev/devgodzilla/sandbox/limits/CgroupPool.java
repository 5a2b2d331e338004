package dev.devgodzilla.sandbox.limits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;

/**
 * Sandbox cgroups kept ready, so that opening a sandbox does not wait for the kernel. In cgroup v1, moving a thread
 * into a group waits for an RCU grace period unless another move happened within the last one: 5-20 ms for each
 * sandbox of a worker that opens one now and then, which is the common case (under a millisecond back to back).
 * So a group is made once, with its launcher thread moved in, and then serves one sandbox after another: a sandbox
 * takes it ({@link #take}, which sets the sandbox's limits), and gives it back when it closes ({@link #giveBack}):
 * what ran inside is killed, and once the group holds nothing but the launcher it is ready again. A group that does
 * not empty, or that refuses new limits, is removed instead, and the next sandbox gets a new one.
 *
 * <p>A group is handed out only when no process is left in it, so nothing of one sandbox shares the limits of the
 * next or sees it close.
 */
public final class CgroupPool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CgroupPool.class);
    /** Groups made when the pool starts: enough for an attempt and its QA check at once. */
    private static final int PREPARED = 2;
    /** Groups kept ready at most; one given back beyond that is removed. */
    private static final int KEPT = 16;

    private final Path pidsHome;
    private final Path memoryHome;
    /** Guarded by this pool. */
    private final Deque<SandboxCgroup> ready = new ArrayDeque<>();
    private boolean closed;

    /** A pool making groups below {@code pidsHome} and {@code memoryHome} (null: not in that hierarchy). */
    public CgroupPool(Path pidsHome, Path memoryHome) {
        this.pidsHome = pidsHome;
        this.memoryHome = memoryHome;
        if (pidsHome != null || memoryHome != null) {
            Thread.ofVirtual().name("cgroup-pool-prepare").start(this::prepare);
        }
    }

    private void prepare() {
        for (int i = 0; i < PREPARED; i++) {
            try {
                make().ifPresent(this::keepOrRemove);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("Cannot prepare a sandbox cgroup: %s", e.getMessage());
                return;
            }
        }
    }

    /**
     * Groups for one sandbox, limited to {@code maxProcesses} tasks and {@code memoryBytes}: a ready one, else one
     * made now. Empty when neither limit applies or no hierarchy is writable.
     */
    public Optional<SandboxCgroup> take(int maxProcesses, long memoryBytes) throws IOException {
        if (maxProcesses <= 0 && memoryBytes <= 0) {
            return Optional.empty();
        }
        for (SandboxCgroup cgroup; (cgroup = nextReady()) != null; ) {
            try {
                cgroup.limit(maxProcesses, memoryBytes);
                return Optional.of(cgroup);
            } catch (IOException e) {
                // typically memory still charged to it above the new limit: a fresh group has none
                LOG.debugf("Sandbox cgroup %s refused new limits (%s); removing it", cgroup.dirs(), e.getMessage());
                removeInBackground(cgroup);
            }
        }
        Optional<SandboxCgroup> made = make();
        if (made.isPresent()) {
            try {
                made.get().limit(maxProcesses, memoryBytes);
            } catch (IOException | RuntimeException e) {
                made.get().close();
                throw e;
            }
        }
        return made;
    }

    /**
     * Takes back the groups of a sandbox that has closed: kills what is left inside and makes them ready for the
     * next sandbox once nothing is. With {@code waitForEmpty}, this returns only once they are empty (or removed);
     * otherwise, when something is still exiting, it is waited for in the background.
     */
    public void giveBack(SandboxCgroup cgroup, boolean waitForEmpty) {
        cgroup.killInside();
        if (cgroup.holdsOnlyLauncher()) {
            keepOrRemove(cgroup);
        } else if (waitForEmpty) {
            recycleOnceEmpty(cgroup);
        } else {
            Thread.ofVirtual().name("cgroup-recycle").start(() -> recycleOnceEmpty(cgroup));
        }
    }

    private void recycleOnceEmpty(SandboxCgroup cgroup) {
        if (cgroup.emptiesOfOthers()) {
            keepOrRemove(cgroup);
        } else {
            // it will not empty: removing it kills again and gives up with a warning where it cannot
            cgroup.close();
        }
    }

    private synchronized SandboxCgroup nextReady() {
        return ready.pollFirst();
    }

    private void keepOrRemove(SandboxCgroup cgroup) {
        boolean kept;
        synchronized (this) {
            // the most recently used first: its pages are the warmest
            kept = !closed && ready.size() < KEPT && ready.offerFirst(cgroup);
        }
        if (!kept) {
            cgroup.closeAfterRuns();
        }
    }

    private void removeInBackground(SandboxCgroup cgroup) {
        Thread.ofVirtual().name("cgroup-remove").start(cgroup::close);
    }

    /** A group named at random: several pools of one process (each class loader has its own) must not meet. */
    private Optional<SandboxCgroup> make() throws IOException {
        String name = "pool-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return SandboxCgroup.make(pidsHome, memoryHome, name);
    }

    /** Removes the ready groups; groups given back from now on are removed too. */
    @Override
    public void close() {
        List<SandboxCgroup> left;
        synchronized (this) {
            closed = true;
            left = List.copyOf(ready);
            ready.clear();
        }
        left.forEach(SandboxCgroup::close);
    }
}
