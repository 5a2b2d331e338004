package dev.devgodzilla.worker.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Stops a process and everything it started: its process group by signal, and every descendant
 * by pid, because a {@code setsid} grandchild has left the group but is still a descendant.
 */
@ApplicationScoped
public class ProcessTreeKiller {

    /** SIGTERM to the tree, then SIGKILL to whatever is still alive after {@code grace}. */
    public void kill(ProcessHandle root, Duration grace) {
        // Collect first: once the root dies, its children are reparented and no longer found.
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        signalGroup("TERM", root.pid());
        tree.forEach(ProcessHandle::destroy);
        if (!awaitDeath(tree, grace)) {
            root.descendants().forEach(tree::add);
            signalGroup("KILL", root.pid());
            tree.forEach(ProcessHandle::destroyForcibly);
            awaitDeath(tree, Duration.ofSeconds(2));
        }
    }

    /** Kills with SIGKILL whatever is left in the group of {@code pgid}, e.g. after a normal exit. */
    public void killGroup(long pgid) {
        signalGroup("KILL", pgid);
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
            Log.debugf("could not signal process group %d: %s", pgid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
