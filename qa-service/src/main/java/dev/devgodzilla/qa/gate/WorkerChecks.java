package dev.devgodzilla.qa.gate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.devgodzilla.contracts.messages.QaJob;
import dev.devgodzilla.contracts.messages.QaJobResult;
import dev.devgodzilla.qa.config.QaConfig;

/**
 * QA jobs sent to workers and not answered yet, and answers no job waits for yet. A worker runs a step's own check
 * as soon as its attempt completes, under the job id this service derives for it ({@link QaJob#idFor}), and names
 * it in the completion: that job is not sent, its answer is awaited. The answer may even come before the
 * completion is read: it is kept (the last {@value #KEPT_ANSWERS}) and answers the job at once. An answer no job
 * ever asks for (another replica's, one given up on) is dropped in time.
 *
 * <p>An unanswered job is sent again every {@code resendEvery}: a worker reads {@code qa-jobs} from the moment
 * it started, so a worker that was restarted just after the attempt (same id, same workspace) never sees a job
 * sent while it was down, and would leave the check to its deadline. Workers run a job id once, so the copies
 * cost one record each and nothing else. A job the worker started itself is sent the first time after
 * {@code resendEvery} without an answer, for the same reason.
 */
@ApplicationScoped
public class WorkerChecks {
    static final int KEPT_ANSWERS = 2_000;

    private final QaJobSink jobs;
    private final Duration resendEvery;
    private final Map<String, CompletableFuture<QaJobResult>> pending = new ConcurrentHashMap<>();
    /** Answers that came before their job; guarded by this object, with {@link #pending}'s registrations. */
    private final Map<String, QaJobResult> early = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, QaJobResult> eldest) {
            return size() > KEPT_ANSWERS;
        }
    };

    @Inject
    public WorkerChecks(QaJobSink jobs, QaConfig config) {
        this(jobs, config.resendEvery());
    }

    WorkerChecks(QaJobSink jobs, Duration resendEvery) {
        this.jobs = jobs;
        this.resendEvery = resendEvery;
    }

    /**
     * The worker's answer to {@code job}: the one that came already, else it sends the job (unless
     * {@code startedByWorker}: the worker runs it already) and waits up to {@code patience}, resending meanwhile;
     * blocking.
     */
    public Optional<QaJobResult> run(QaJob job, Duration patience, boolean startedByWorker) {
        CompletableFuture<QaJobResult> answer = new CompletableFuture<>();
        synchronized (this) {
            QaJobResult came = early.remove(job.jobId());
            if (came != null) {
                return Optional.of(came);
            }
            pending.put(job.jobId(), answer);
        }
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            if (!startedByWorker) {
                jobs.publish(job);
            }
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                try {
                    return Optional.of(answer.get(Math.min(left, resendEvery.toNanos()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException e) {
                    if (deadline - System.nanoTime() > 0) {
                        jobs.publish(job);
                    }
                }
            }
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the answer to QA job " + job.jobId() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            pending.remove(job.jobId());
        }
    }

    /** Hands a worker's answer to the check waiting for it; false when none waits here (it is kept for one). */
    public boolean answer(QaJobResult result) {
        if (result.jobId() == null) {
            return false;
        }
        CompletableFuture<QaJobResult> waiting;
        synchronized (this) {
            waiting = pending.get(result.jobId());
            if (waiting == null) {
                early.put(result.jobId(), result);
                return false;
            }
        }
        return waiting.complete(result);
    }
}
