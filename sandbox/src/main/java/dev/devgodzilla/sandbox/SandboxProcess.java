package dev.devgodzilla.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dev.devgodzilla.sandbox.limits.CappedInputStream;
import dev.devgodzilla.sandbox.limits.OutputBudget;
import dev.devgodzilla.sandbox.process.ProcessTree;

/**
 * A command running in a sandbox. Its output streams stop (end of stream) and the run is killed once the
 * spec's output cap is reached. {@link #kill()} kills everything the command started, not just the command.
 */
public final class SandboxProcess {

    private static final Logger LOG = Logger.getLogger(SandboxProcess.class);

    private final Process process;
    private final Phase phase;
    private final OutputBudget budget;
    private final InputStream stdout;
    private final InputStream stderr;
    private final List<String> cleanupCommand;
    private final AtomicBoolean killed = new AtomicBoolean();
    private final boolean endsWithItsProcess;

    SandboxProcess(Process process, Phase phase, long maxOutputBytes, List<String> cleanupCommand,
                   boolean endsWithItsProcess) {
        this.process = process;
        this.endsWithItsProcess = endsWithItsProcess;
        this.phase = phase;
        this.cleanupCommand = cleanupCommand;
        this.budget = new OutputBudget(maxOutputBytes, this::outputCapReached);
        this.stdout = new CappedInputStream(process.getInputStream(), budget);
        this.stderr = new CappedInputStream(process.getErrorStream(), budget);
    }

    /** The command's standard output (the caller must drain it, or the command blocks on a full pipe). */
    public InputStream stdout() {
        return stdout;
    }

    public InputStream stderr() {
        return stderr;
    }

    /** Host pid of the launched process (bwrap, or the container client). */
    public long pid() {
        return process.pid();
    }

    public Phase phase() {
        return phase;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Waits at most {@code timeout}; true when the process has exited. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** True when the run produced more output than allowed and was killed for it. */
    public boolean outputLimitExceeded() {
        return budget.exceeded();
    }

    /** True when {@link #kill()} was called (by the caller, a timeout, the output cap or closing the sandbox). */
    public boolean killed() {
        return killed.get();
    }

    /** The underlying host process, for callers that need the plain {@link Process} API. */
    public Process process() {
        return process;
    }

    /**
     * Kills the whole run and waits (up to 5 s) until it is gone. With bubblewrap, SIGKILL to bwrap makes the
     * sandbox's PID 1 die (--die-with-parent), and the kernel then kills every process of the PID namespace.
     * Descendants visible from the host are killed too, for backends without a PID namespace.
     */
    public void kill() {
        if (!killed.compareAndSet(false, true) && !process.isAlive()) {
            return;
        }
        if (endsWithItsProcess && !process.isAlive() && cleanupCommand.isEmpty()) {
            // a finished run of a PID namespace left nothing: no scan of the process table, no kill process
            return;
        }
        ProcessTree.kill(process.toHandle());
        if (!cleanupCommand.isEmpty()) {
            runCleanup();
        }
    }

    private void outputCapReached() {
        LOG.infof("Sandbox process %d exceeded its output cap; killing it", process.pid());
        Thread.ofVirtual().start(this::kill);
    }

    private void runCleanup() {
        try {
            Process p = new ProcessBuilder(cleanupCommand).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.warnf("Cleanup command %s failed: %s", cleanupCommand, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
