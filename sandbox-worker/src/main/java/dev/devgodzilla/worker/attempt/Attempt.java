package dev.devgodzilla.worker.attempt;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.devgodzilla.contracts.messages.AttemptRef;
import dev.devgodzilla.contracts.messages.SandboxJob;

/**
 * One attempt this worker holds, from acceptance to its terminal event. A stop asked for before the
 * process exists is remembered and applied as soon as it starts.
 */
public final class Attempt {
    private final SandboxJob job;
    private final Instant acceptedAt = Instant.now();
    private final CountDownLatch ended = new CountDownLatch(1);
    private Stoppable process;
    private Termination stopRequest;

    public Attempt(SandboxJob job) {
        this.job = job;
    }

    public SandboxJob job() {
        return job;
    }

    public AttemptRef ref() {
        return new AttemptRef(job.stepId(), job.attempt());
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    /** Attaches the started work (a process); it is stopped at once if a stop was already asked for. */
    public synchronized void attach(Stoppable started) {
        this.process = started;
        if (stopRequest != null) {
            started.stop(stopRequest);
        }
    }

    /** Asks the attempt to stop; the first reason given wins. */
    public synchronized void stop(Termination reason) {
        if (stopRequest == null) {
            stopRequest = reason;
        }
        if (process != null) {
            process.stop(reason);
        }
    }

    /** The stop asked for, if any. */
    public synchronized Termination stopRequest() {
        return stopRequest;
    }

    /** Marks the attempt as reported and gone from this worker. */
    public void markEnded() {
        ended.countDown();
    }

    /** Waits until the attempt has reported; false if it has not within {@code limit}. */
    public boolean awaitEnd(Duration limit) throws InterruptedException {
        return ended.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized Long pid() {
        return process == null ? null : process.pid();
    }
}
