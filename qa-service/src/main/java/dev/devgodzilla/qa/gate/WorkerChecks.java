package dev.devgodzilla.qa.gate;

import java.time.Duration;
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
 * QA jobs sent to workers and not answered yet. A job is registered before it is sent, so an answer can
 * never arrive for a job this service does not know of yet; an answer for a job it does not know (another
 * replica's, or one given up on) is ignored.
 *
 * <p>An unanswered job is sent again every {@code resendEvery}: a worker reads {@code qa-jobs} from the moment
 * it started, so a worker that was restarted just after the attempt (same id, same workspace) never sees a job
 * sent while it was down, and would leave the check to its deadline. Workers run a job id once, so the copies
 * cost one record each and nothing else.
 */
@ApplicationScoped
public class WorkerChecks {
    private final QaJobSink jobs;
    private final Duration resendEvery;
    private final Map<String, CompletableFuture<QaJobResult>> pending = new ConcurrentHashMap<>();

    @Inject
    public WorkerChecks(QaJobSink jobs, QaConfig config) {
        this(jobs, config.resendEvery());
    }

    WorkerChecks(QaJobSink jobs, Duration resendEvery) {
        this.jobs = jobs;
        this.resendEvery = resendEvery;
    }

    /** Sends {@code job} and waits up to {@code patience} for the worker's answer, resending meanwhile; blocking. */
    public Optional<QaJobResult> run(QaJob job, Duration patience) {
        CompletableFuture<QaJobResult> answer = new CompletableFuture<>();
        pending.put(job.jobId(), answer);
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            jobs.publish(job);
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

    /** Hands a worker's answer to the check waiting for it; false when none waits here. */
    public boolean answer(QaJobResult result) {
        CompletableFuture<QaJobResult> waiting = result.jobId() == null ? null : pending.get(result.jobId());
        return waiting != null && waiting.complete(result);
    }
}
