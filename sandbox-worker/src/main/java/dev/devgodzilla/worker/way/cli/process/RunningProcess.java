package dev.devgodzilla.worker.way.cli.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;


import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.sandbox.SandboxProcess;
import dev.devgodzilla.sandbox.process.ProcessTree;
import dev.devgodzilla.worker.attempt.Stoppable;
import dev.devgodzilla.worker.attempt.Termination;
import io.quarkus.logging.Log;

/**
 * A started process under watch: pumps its output to the listener, enforces the wall-clock and idle
 * limits, and stops the whole tree when a limit is hit or someone calls {@link #stop}.
 */
public final class RunningProcess implements Stoppable {
    private static final long POLL_MILLIS = 100;
    static final int MAX_LINE_CHARS = 256 * 1024;
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(2);

    private final SandboxProcess sandboxed;
    private final Process process;
    private final ProcessSpec spec;
    private final OutputListener listener;
    private final long startNanos = System.nanoTime();
    private final AtomicLong lastOutputNanos = new AtomicLong(startNanos);
    private final AtomicReference<Termination> stopRequest = new AtomicReference<>();
    private final Object listenerLock = new Object();
    private final Thread stdoutPump;
    private final Thread stderrPump;

    RunningProcess(SandboxProcess sandboxed, ProcessSpec spec, OutputListener listener) {
        this.sandboxed = sandboxed;
        this.process = sandboxed.process();
        this.spec = spec;
        this.listener = listener;
        this.stdoutPump = Thread.ofVirtual().name("out-" + process.pid())
                .start(() -> pump(sandboxed.stdout(), LogStream.STDOUT));
        this.stderrPump = Thread.ofVirtual().name("err-" + process.pid())
                .start(() -> pump(sandboxed.stderr(), LogStream.STDERR));
    }

    @Override
    public long pid() {
        return process.pid();
    }

    /** Asks for the tree to be stopped; the first reason given wins. */
    @Override
    public void stop(Termination reason) {
        stopRequest.compareAndSet(null, reason);
    }

    /** Waits for the end of the run, enforcing the limits meanwhile. */
    public ProcessOutcome await() {
        Termination termination = Termination.EXITED;
        try {
            while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                Termination reason = limitReached();
                if (reason != null) {
                    termination = reason;
                    Log.debugf("stopping process %d: %s", process.pid(), reason);
                    ProcessTree.terminate(process.toHandle(), spec.killGrace());
                    process.waitFor();
                    break;
                }
                tick();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            termination = Termination.SHUTDOWN;
            ProcessTree.terminate(process.toHandle(), spec.killGrace());
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        if (termination == Termination.EXITED && sandboxed.outputLimitExceeded()) {
            termination = Termination.OUTPUT_LIMIT;
        }
        // Nothing may outlive a step: clear whatever the run left in the background.
        sandboxed.kill();
        drainOutput();
        Integer exitCode = termination == Termination.EXITED ? process.exitValue() : null;
        return new ProcessOutcome(termination, exitCode, duration);
    }

    private Termination limitReached() {
        Termination requested = stopRequest.get();
        if (requested != null) {
            return requested;
        }
        long now = System.nanoTime();
        if (isSet(spec.timeout()) && now - startNanos >= spec.timeout().toNanos()) {
            return Termination.TIMED_OUT;
        }
        if (isSet(spec.idleTimeout()) && now - lastOutputNanos.get() >= spec.idleTimeout().toNanos()) {
            return Termination.IDLE_TIMEOUT;
        }
        return null;
    }

    private static boolean isSet(Duration limit) {
        return limit != null && !limit.isZero() && !limit.isNegative();
    }

    private void tick() {
        synchronized (listenerLock) {
            listener.onTick();
        }
    }

    /**
     * Delivers the stream line by line. Only a newline ends a line (a trailing carriage return is dropped):
     * a {@code \r} inside a line stays in it, so a secret split by one is still one text to mask. A line
     * longer than {@value #MAX_LINE_CHARS} characters is delivered in pieces.
     */
    private void pump(InputStream stream, LogStream kind) {
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            char[] buffer = new char[8192];
            int read;
            while ((read = reader.read(buffer)) >= 0) {
                lastOutputNanos.set(System.nanoTime());
                for (int i = 0; i < read; i++) {
                    char c = buffer[i];
                    if (c == '\n') {
                        int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1
                                : line.length();
                        deliver(kind, line.substring(0, end));
                        line.setLength(0);
                    } else {
                        line.append(c);
                        if (line.length() >= MAX_LINE_CHARS) {
                            deliver(kind, line.toString());
                            line.setLength(0);
                        }
                    }
                }
            }
            if (!line.isEmpty()) {
                deliver(kind, line.toString());
            }
        } catch (IOException e) {
            // The stream closes under us when the process is killed; what was read has been delivered.
            Log.tracef("output pump of %d ended: %s", process.pid(), e.getMessage());
        }
    }

    private void deliver(LogStream kind, String line) {
        synchronized (listenerLock) {
            listener.onLine(kind, line);
        }
    }

    private void drainOutput() {
        try {
            stdoutPump.join(DRAIN_LIMIT);
            stderrPump.join(DRAIN_LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stdoutPump.isAlive() || stderrPump.isAlive()) {
            // A process outside our reach still holds the pipes; stop reading rather than hang.
            closeQuietly(sandboxed.stdout());
            closeQuietly(sandboxed.stderr());
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // nothing more to read either way
        }
    }
}
