package dev.devgodzilla.qa.gate;

import java.io.IOException;
import java.util.List;

/** Kills a process together with everything it started. */
final class ProcessTree {
    private ProcessTree() {
    }

    /**
     * Kills the process group led by {@code process} (it was started under {@code setsid}), then any
     * descendant that left the group, then the process itself.
     */
    static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive() || !descendants.isEmpty()) {
            try {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start()
                        .waitFor();
            } catch (IOException e) {
                // fall through to the per-process kill below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
