package dev.devgodzilla.worker.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.AttemptRef;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.worker.attempt.Attempt;
import dev.devgodzilla.worker.attempt.Termination;
import dev.devgodzilla.worker.config.WorkerConfig;

/** The attempts this worker is running, and the slots that limit how many it may run at once. */
@ApplicationScoped
public class RunningAttempts {
    private final Semaphore slots;
    private final Map<AttemptRef, Attempt> attempts = new ConcurrentHashMap<>();
    private final Set<AttemptRef> waiting = ConcurrentHashMap.newKeySet();
    /** Ended attempts still reported as held, until when: see {@link WorkerConfig#endedAttemptLinger()}. */
    private final Map<AttemptRef, Instant> lingering = new ConcurrentHashMap<>();
    private final Duration linger;
    private volatile boolean closed;

    public RunningAttempts(WorkerConfig config) {
        this.slots = new Semaphore(Math.max(1, config.capacity()), true);
        this.linger = config.endedAttemptLinger();
    }

    /** Waits for a free slot; meanwhile the job's attempt is listed as waiting in the heartbeats. */
    void reserveSlot(SandboxJob job) throws InterruptedException {
        AttemptRef ref = new AttemptRef(job.stepId(), job.attempt());
        if (slots.tryAcquire(0, TimeUnit.SECONDS)) {
            return;
        }
        waiting.add(ref);
        try {
            slots.acquire();
        } finally {
            waiting.remove(ref);
        }
    }

    /** The attempts whose job waits here for a slot. */
    public List<AttemptRef> waitingRefs() {
        return List.copyOf(waiting);
    }

    void releaseSlot() {
        slots.release();
    }

    /** The newest attempt accepted per step, bounded, to recognise redelivered and stale jobs. */
    private final Map<String, Integer> newestAttempt = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > NEWEST_ATTEMPTS_KEPT;
        }
    };
    private static final int NEWEST_ATTEMPTS_KEPT = 10_000;

    /** An accepted attempt, and the older attempts of the same step that it stopped here. */
    record Registration(Attempt attempt, List<Attempt> superseded) {
    }

    /**
     * Registers {@code job}. Empty when this worker already accepted this or a newer attempt of the step:
     * a job redelivered after a rebalance (its offset was not yet committed when its worker died) must
     * not run again. A newer attempt stops the older ones of its step still running here, because
     * execution-service ignores everything they report.
     */
    synchronized Optional<Registration> register(SandboxJob job) {
        Integer newest = newestAttempt.get(job.stepId());
        if (newest != null && newest >= job.attempt()) {
            return Optional.empty();
        }
        newestAttempt.put(job.stepId(), job.attempt());
        List<Attempt> superseded = attempts.values().stream()
                .filter(a -> a.ref().stepId().equals(job.stepId()))
                .toList();
        superseded.forEach(a -> a.stop(Termination.CANCELLED));
        Attempt attempt = new Attempt(job);
        attempts.put(attempt.ref(), attempt);
        return Optional.of(new Registration(attempt, superseded));
    }

    /** Forgets an ended attempt, whose terminal event was sent; the heartbeats list it a while longer. */
    void remove(Attempt attempt) {
        if (attempts.remove(attempt.ref(), attempt)) {
            lingering.put(attempt.ref(), Instant.now().plus(linger));
        }
    }

    /** The attempts whose leases this worker's heartbeats renew: those running and those ended lately. */
    public List<AttemptRef> refs() {
        Instant now = Instant.now();
        lingering.values().removeIf(until -> until.isBefore(now));
        List<AttemptRef> refs = new ArrayList<>(attempts.keySet());
        lingering.keySet().stream().filter(ref -> !attempts.containsKey(ref)).forEach(refs::add);
        return refs;
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
