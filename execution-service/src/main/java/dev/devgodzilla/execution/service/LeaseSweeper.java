package dev.devgodzilla.execution.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.execution.config.ExecutionConfig;
import dev.devgodzilla.execution.repository.StepRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The clock of the lifecycle: finds attempts whose lease ran out and steps whose retry time has come. No
 * lease is expired during {@code dg.execution.lease-grace} after this service starts, or after a sweep
 * succeeds again following failed ones (the database was away): heartbeats could not renew leases in
 * either time, so the workers get one more chance to be heard first.
 */
@ApplicationScoped
public class LeaseSweeper {
    private static final int BATCH = 100;

    private final StepRepository steps;
    private final StepLifecycle lifecycle;
    private final StateChanges changes;
    private final Duration grace;
    private volatile Instant graceUntil;
    private volatile boolean failing;

    public LeaseSweeper(StepRepository steps, StepLifecycle lifecycle, StateChanges changes, ExecutionConfig config) {
        this.steps = steps;
        this.lifecycle = lifecycle;
        this.changes = changes;
        this.grace = config.leaseGrace();
        this.graceUntil = Instant.now().plus(grace);
    }

    @Scheduled(every = "${dg.execution.sweep-interval}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        Instant now = Instant.now();
        Uni<Void> leases = now.isBefore(graceUntil) ? Uni.createFrom().voidItem()
                : Panache.withSession(() -> steps.expiredLeases(now, BATCH))
                .chain(expired -> each(expired, lifecycle::expireLease));
        return leases
                .chain(() -> Panache.withSession(() -> steps.dueRetries(now, BATCH)))
                .chain(due -> each(due, lifecycle::retryDue))
                .invoke(this::recovered)
                .onFailure().invoke(e -> {
                    failing = true;
                    Log.warnf(e, "sweep failed; the next one tries again");
                })
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void recovered() {
        if (failing) {
            failing = false;
            graceUntil = Instant.now().plus(grace);
            Log.infof("the database answers again; no lease expires for the next %d s", grace.toSeconds());
        }
    }

    /** One transaction per step, so one bad step does not hold up the rest. */
    private Uni<Void> each(List<String> stepIds, Function<String, Uni<Void>> action) {
        return Multi.createFrom().iterable(stepIds)
                .onItem().transformToUniAndConcatenate(id -> changes.commit(() -> action.apply(id))
                        .onFailure().invoke(e -> Log.warnf(e, "step %s: sweep action failed", id))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }
}
