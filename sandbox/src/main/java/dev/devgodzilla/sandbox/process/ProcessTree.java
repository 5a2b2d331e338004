package dev.devgodzilla.sandbox.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Stops a process and everything it started: its process group by signal, and every descendant by pid,
 * because a {@code setsid} grandchild has left the group but is still a descendant. The one way the
 * sandbox, the worker and QA kill what they started.
 */
public final class ProcessTree {
    private static final Logger LOG = Logger.getLogger(ProcessTree.class);

    private ProcessTree() {
    }

    /** SIGTERM to the tree, then SIGKILL to whatever is still alive after {@code grace}. */
    public static void terminate(ProcessHandle root, Duration grace) {
        // Collect first: once the root dies, its children are reparented and no longer found.
        List<ProcessHandle> tree = treeOf(root);
        signalGroup("TERM", root.pid());
        tree.forEach(ProcessHandle::destroy);
        if (!awaitDeath(tree, grace)) {
            root.descendants().forEach(tree::add);
            kill(root, tree);
        }
    }

    /** SIGKILL to the group led by {@code root}, every descendant and {@code root}; waits up to 5 s. */
    public static void kill(ProcessHandle root) {
        kill(root, treeOf(root));
    }

    /** Kills with SIGKILL whatever is left in the group of {@code pgid}, e.g. after a normal exit. */
    public static void killGroup(long pgid) {
        signalGroup("KILL", pgid);
    }

    private static void kill(ProcessHandle root, List<ProcessHandle> tree) {
        signalGroup("KILL", root.pid());
        tree.forEach(ProcessHandle::destroyForcibly);
        if (!awaitDeath(tree, Duration.ofSeconds(5))) {
            LOG.warnf("process tree of %d did not exit within 5 s of SIGKILL", root.pid());
        }
    }

    private static List<ProcessHandle> treeOf(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        return tree;
    }

    private static boolean awaitDeath(List<ProcessHandle> tree, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (tree.stream().noneMatch(ProcessHandle::isAlive)) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return tree.stream().noneMatch(ProcessHandle::isAlive);
    }

    private static void signalGroup(String signal, long pgid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(2, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.debugf("could not signal process group %d: %s", pgid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
