package dev.devgodzilla.execution.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;


import jakarta.enterprise.context.ApplicationScoped;


import dev.devgodzilla.execution.bus.BusWatch;
import dev.devgodzilla.execution.bus.StepEventsBacklog;
import dev.devgodzilla.execution.config.ExecutionConfig;
import dev.devgodzilla.execution.repository.StepRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The clock of the lifecycle: finds attempts whose lease ran out, steps whose retry time has come and steps
 * waiting for their dependencies that may be decided now (the others, however many, cost it nothing).
 * Heartbeats renew leases, so no lease expires while they could not have arrived:
 * <ul>
 *   <li>while the database or the Kafka broker is away, and for {@code dg.execution.lease-grace} after
 *       both answer again;</li>
 *   <li>after this service starts, and after the broker was away, until a heartbeat has been applied (the
 *       consumers have to join their group first, which can take longer than a lease) plus the grace, and
 *       until the step-events that were on the bus then are applied (an attempt that ended meanwhile is
 *       not renewed, and its end is in that backlog); when no heartbeat comes for two leases' time and the
 *       grace, no worker is left to hear from, and leases expire again once that backlog is read.</li>
 * </ul>
 */
@ApplicationScoped
public class LeaseSweeper {
    private static final int BATCH = 100;

    private final StepRepository steps;
    private final StepLifecycle lifecycle;
    private final StateChanges changes;
    private final BusWatch bus;
    private final StepEventsBacklog backlog;
    private final StepDependencies dependencies;
    private final Duration grace;
    private final Duration leaseTtl;
    private final Duration dependencyWait;
    private volatile Instant graceUntil;
    private volatile boolean failing;
    private volatile boolean brokerWasAway;
    /** When the broker came back, while no heartbeat has been read since; null otherwise. */
    private volatile Instant awaitingHeartbeatSince;

    public LeaseSweeper(StepRepository steps, StepLifecycle lifecycle, StateChanges changes, BusWatch bus,
                        StepEventsBacklog backlog, ExecutionConfig config, StepDependencies dependencies) {
        this.steps = steps;
        this.dependencies = dependencies;
        this.lifecycle = lifecycle;
        this.changes = changes;
        this.bus = bus;
        this.backlog = backlog;
        this.grace = config.leaseGrace();
        this.leaseTtl = config.leaseTtl();
        this.dependencyWait = config.dependencyWait();
        this.graceUntil = Instant.now().plus(grace);
        this.awaitingHeartbeatSince = Instant.now();
    }

    @Scheduled(every = "${dg.execution.sweep-interval}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        Instant now = Instant.now();
        if (!bus.brokerAnswers()) {
            failing = true;
            brokerWasAway = true;
        }
        Uni<Void> leases = !leasesMayExpire(now) ? Uni.createFrom().voidItem()
                : steps.expiredLeases(now, BATCH)
                .chain(expired -> each(expired, lifecycle::expireLease));
        return leases
                .chain(() -> steps.dueRetries(now, BATCH))
                .chain(due -> each(due, lifecycle::retryDue))
                .chain(() -> steps.decidableWaiting(now.minus(dependencyWait), BATCH))
                .chain(waiting -> each(waiting, dependencies::evaluate))
                .invoke(this::recovered)
                .onFailure().invoke(e -> {
                    failing = true;
                    Log.warnf(e, "sweep failed; the next one tries again");
                })
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private boolean leasesMayExpire(Instant now) {
        if (failing || now.isBefore(graceUntil)) {
            return false;
        }
        Instant since = awaitingHeartbeatSince;
        if (since == null) {
            return true;
        }
        if (!backlog.caughtUp() && !backlog.unmeasurable()) {
            return false;
        }
        if (bus.lastHeartbeatApplied().isAfter(since)) {
            awaitingHeartbeatSince = null;
            graceUntil = bus.lastHeartbeatApplied().plus(grace);
            Log.infof("heartbeats are read again; no lease expires for the next %d s", grace.toSeconds());
            return false;
        }
        if (now.isAfter(since.plus(leaseTtl.multipliedBy(2)).plus(grace))) {
            awaitingHeartbeatSince = null;
            Log.warn("no heartbeat read for two leases' time: no worker is left to renew its leases");
            return true;
        }
        return false;
    }

    private void recovered() {
        if (failing && bus.brokerAnswers()) {
            failing = false;
            Instant now = Instant.now();
            graceUntil = now.plus(grace);
            if (brokerWasAway) {
                brokerWasAway = false;
                awaitingHeartbeatSince = now;
                backlog.rearm();
            }
            Log.infof("the database and the broker answer again; no lease expires for the next %d s%s",
                    grace.toSeconds(), awaitingHeartbeatSince == null ? "" : " or before heartbeats are read again");
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
