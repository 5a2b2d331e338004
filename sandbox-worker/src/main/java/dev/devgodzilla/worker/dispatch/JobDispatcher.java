package dev.devgodzilla.worker.dispatch;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.worker.attempt.Attempt;
import dev.devgodzilla.worker.attempt.AttemptSpans;
import dev.devgodzilla.worker.attempt.Termination;
import dev.devgodzilla.worker.config.WorkerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;

/**
 * Takes accepted jobs into a slot, claims each attempt at execution-service and runs the claimed ones on
 * virtual threads of their own. On shutdown it stops every running attempt, which then reports
 * {@code WORKER_LOST} so execution-service retries it promptly. Made at start, not with the first job, so that
 * its gauges are exported by a worker that has not run anything yet.
 */
@ApplicationScoped
@Startup
public class JobDispatcher {
    private final RunningAttempts running;
    private final AttemptRouter runner;
    private final AttemptClaims claims;
    private final WorkerConfig config;
    /** Each task runs in the context it was given in: the job's trace goes on in its attempt. */
    private final ExecutorService executor = Context.taskWrapping(Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("step-", 0).factory()));
    private final AttemptSpans spans;

    public JobDispatcher(RunningAttempts running, AttemptRouter runner, AttemptClaims claims, WorkerConfig config,
                         AttemptSpans spans, MeterRegistry registry) {
        this.spans = spans;
        this.running = running;
        this.runner = runner;
        this.claims = claims;
        this.config = config;
        Gauge.builder("dg.worker.jobs.running", running, RunningAttempts::count)
                .description("Attempts this worker is running")
                .register(registry);
        Gauge.builder("dg.worker.capacity", config, WorkerConfig::capacity)
                .description("Attempts this worker runs at once at most (its slots)")
                .register(registry);
    }

    /** Waits for a slot, then starts the attempt in the background and returns. */
    public void accept(SandboxJob job) throws InterruptedException {
        if (running.closed()) {
            runner.refuseForShutdown(job);
            return;
        }
        running.reserveSlot(job);
        Optional<RunningAttempts.Registration> registered = running.register(job);
        if (registered.isEmpty()) {
            running.releaseSlot();
            Log.infof("step %s attempt %d (or a newer one) was already accepted here; ignoring the repeated job",
                    job.stepId(), job.attempt());
            return;
        }
        Attempt attempt = registered.get().attempt();
        for (Attempt older : registered.get().superseded()) {
            // the older attempt shares the step's workspace: let it finish dying before the new one starts
            Log.infof("step %s attempt %d supersedes attempt %d here", job.stepId(), job.attempt(),
                    older.job().attempt());
            if (!older.awaitEnd(config.killGrace().multipliedBy(4).plusSeconds(5))) {
                Log.warnf("step %s attempt %d did not end in time", job.stepId(), older.job().attempt());
            }
        }
        if (running.closed()) {
            // Shutdown began while this job waited for a slot: it ends at once as WORKER_LOST.
            attempt.stop(Termination.SHUTDOWN);
        }
        Log.infof("accepted step %s attempt %d for %s", job.stepId(), job.attempt(), job.agentId());
        executor.execute(() -> {
            try (Scope ignored = spans.attempt(job)) {
                // a redelivered job of an attempt another process holds (or held, before a restart) stops here
                AttemptClaims.Claim claim = spans.phase("claim", () -> claims.claim(job));
                if (claim.granted()) {
                    runner.run(attempt);
                } else {
                    Log.warnf("step %s attempt %d not run here: %s", job.stepId(), job.attempt(), claim.detail());
                }
            } finally {
                running.remove(attempt);
                running.releaseSlot();
                attempt.markEnded();
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        int count = running.count();
        if (count > 0) {
            Log.infof("stopping %d running attempt(s) before shutdown", count);
        }
        try {
            if (!running.stopAll(config.shutdownGrace())) {
                Log.warnf("%d attempt(s) did not report before shutdown", running.count());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
