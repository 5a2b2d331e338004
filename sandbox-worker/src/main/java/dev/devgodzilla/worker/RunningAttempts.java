package dev.devgodzilla.worker;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.AttemptRef;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.process.Termination;

/** The attempts this worker is running, and the slots that limit how many it may run at once. */
@ApplicationScoped
public class RunningAttempts {
    private final Semaphore slots;
    private final Map<AttemptRef, Attempt> attempts = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public RunningAttempts(WorkerConfig config) {
        this.slots = new Semaphore(Math.max(1, config.capacity()), true);
    }

    /** Waits for a free slot. */
    void reserveSlot() throws InterruptedException {
        slots.acquire();
    }

    void releaseSlot() {
        slots.release();
    }

    /** Registers {@code job}; empty if this attempt is already running here (a redelivered job). */
    Optional<Attempt> register(SandboxJob job) {
        Attempt attempt = new Attempt(job);
        Attempt existing = attempts.putIfAbsent(attempt.ref(), attempt);
        return existing == null ? Optional.of(attempt) : Optional.empty();
    }

    void remove(Attempt attempt) {
        attempts.remove(attempt.ref(), attempt);
    }

    public List<AttemptRef> refs() {
        return attempts.keySet().stream().toList();
    }

    public Collection<Attempt> all() {
        return List.copyOf(attempts.values());
    }

    public int count() {
        return attempts.size();
    }

    /** Cancels the attempt if it runs here; attempt 0 or less means whichever attempt of the step. */
    public boolean cancel(String stepId, int attempt) {
        boolean found = false;
        for (Attempt running : attempts.values()) {
            AttemptRef ref = running.ref();
            if (ref.stepId().equals(stepId) && (attempt <= 0 || ref.attempt() == attempt)) {
                running.stop(Termination.CANCELLED);
                found = true;
            }
        }
        return found;
    }

    public boolean closed() {
        return closed;
    }

    /** Refuses new attempts, stops the running ones and waits up to {@code limit} for them to report. */
    boolean stopAll(Duration limit) throws InterruptedException {
        closed = true;
        attempts.values().forEach(a -> a.stop(Termination.SHUTDOWN));
        long deadline = System.nanoTime() + limit.toNanos();
        while (!attempts.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return attempts.isEmpty();
    }
}
