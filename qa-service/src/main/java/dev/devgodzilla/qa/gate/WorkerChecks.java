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

import dev.devgodzilla.contracts.messages.QaJob;
import dev.devgodzilla.contracts.messages.QaJobResult;

/**
 * QA jobs sent to workers and not answered yet. A job is registered before it is sent, so an answer can
 * never arrive for a job this service does not know of yet; an answer for a job it does not know (another
 * replica's, or one given up on) is ignored.
 */
@ApplicationScoped
public class WorkerChecks {
    private final QaJobSink jobs;
    private final Map<String, CompletableFuture<QaJobResult>> pending = new ConcurrentHashMap<>();

    public WorkerChecks(QaJobSink jobs) {
        this.jobs = jobs;
    }

    /** Sends {@code job} and waits up to {@code patience} for the worker's answer; blocking. */
    public Optional<QaJobResult> run(QaJob job, Duration patience) {
        CompletableFuture<QaJobResult> answer = new CompletableFuture<>();
        pending.put(job.jobId(), answer);
        try {
            jobs.publish(job);
            return Optional.of(answer.get(patience.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
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
