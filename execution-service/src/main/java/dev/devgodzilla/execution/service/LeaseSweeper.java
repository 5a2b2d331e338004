package dev.devgodzilla.execution.service;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.execution.repository.StepRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The clock of the lifecycle: finds attempts whose lease ran out and steps whose retry time has come. */
@ApplicationScoped
public class LeaseSweeper {
    private static final int BATCH = 100;

    private final StepRepository steps;
    private final StepLifecycle lifecycle;
    private final StateChanges changes;

    public LeaseSweeper(StepRepository steps, StepLifecycle lifecycle, StateChanges changes) {
        this.steps = steps;
        this.lifecycle = lifecycle;
        this.changes = changes;
    }

    @Scheduled(every = "${dg.execution.sweep-interval}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        Instant now = Instant.now();
        return Panache.withSession(() -> steps.expiredLeases(now, BATCH))
                .chain(expired -> each(expired, lifecycle::expireLease))
                .chain(() -> Panache.withSession(() -> steps.dueRetries(now, BATCH)))
                .chain(due -> each(due, lifecycle::retryDue))
                .onFailure().invoke(e -> Log.warnf(e, "sweep failed; the next one tries again"))
                .onFailure().recoverWithNull().replaceWithVoid();
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
