package dev.devgodzilla.worker.attempt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.config.WorkerIdentity;
import io.opentelemetry.context.Context;

/** Begins the {@link AttemptReport} of each attempt; every attempt event of the worker goes through it. */
@ApplicationScoped
public class AttemptReporter {
    private final StepEventSink events;
    private final AttemptMeters metrics;
    private final WorkerIdentity identity;
    private final WorkerConfig config;
    private final Executor background = Context.taskWrapping(Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("announce-", 0).factory()));

    /** What starts as an attempt completes here, before the completion is sent (its own check command). */
    private final CheckOnCompletion checks;

    @Inject
    public AttemptReporter(StepEventSink events, AttemptMeters metrics, WorkerIdentity identity, WorkerConfig config,
                           CheckOnCompletion checks) {
        this.events = events;
        this.metrics = metrics;
        this.identity = identity;
        this.config = config;
        this.checks = checks;
    }

    /** A reporter after whose completions nothing starts. */
    public AttemptReporter(StepEventSink events, AttemptMeters metrics, WorkerIdentity identity, WorkerConfig config) {
        this(events, metrics, identity, config, CheckOnCompletion.NONE);
    }

    /** The report of {@code job}'s attempt, which starts now; texts are masked with {@code redactor}. */
    public AttemptReport begin(SandboxJob job, SecretRedactor redactor) {
        return new AttemptReport(job, redactor, this);
    }

    /** Reports an attempt that will not run because the worker is stopping, so it is retried elsewhere. */
    public void refuseForShutdown(SandboxJob job) {
        begin(job, SecretRedactor.none()).failed(FailureCode.WORKER_LOST,
                "worker " + workerId() + " is shutting down", null, AttemptEnd.nothingRan(0));
    }

    public String workerId() {
        return identity.workerId();
    }

    void send(StepEvent event) {
        events.publish(event);
    }

    /** {@code completed} as it is to be sent: naming the check that started for it, if one did. */
    StepCompleted startCheck(StepCompleted completed) {
        return completed.withQaCheckJobId(checks.start(completed));
    }

    /** Sends {@code event} on a thread of its own, in the caller's trace; the future ends once it is sent. */
    CompletableFuture<Void> sendInBackground(StepEvent event) {
        return CompletableFuture.runAsync(() -> events.publish(event), background);
    }

    AttemptMeters metrics() {
        return metrics;
    }

    int outputTailChars() {
        return config.outputTailChars();
    }
}
