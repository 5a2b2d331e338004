package dev.devgodzilla.registry.service;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.registry.config.RegistryConfig;
import dev.devgodzilla.registry.domain.AgentView;
import dev.devgodzilla.registry.repository.WorkerRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Keeps {@code agent-availability} in step with the live workers.
 *
 * <p>Availability is always derived from committed rows (emit-after-commit): a heartbeat is
 * stored first and only then is the view recomputed. The scheduled sweep is the reconciler: it
 * expires dead workers and republishes any agent whose last publication was lost. Its first run
 * finds nothing published yet, so it publishes the full view once at startup.
 */
@ApplicationScoped
public class AvailabilityTracker {
    private final WorkerRepository workers;
    private final RegistryConfig config;
    private final AvailabilityAnnouncer announcer;
    private final Map<String, AgentView> published = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicInteger availableAgents = new AtomicInteger();
    private final AtomicInteger liveWorkers = new AtomicInteger();
    private long appliedTicket;
    private volatile Instant lastRefresh;

    public AvailabilityTracker(WorkerRepository workers, RegistryConfig config, AvailabilityAnnouncer announcer,
                               MeterRegistry meters) {
        this.workers = workers;
        this.config = config;
        this.announcer = announcer;
        meters.gauge("dg.agents.available", availableAgents);
        meters.gauge("dg.workers.live", liveWorkers);
    }

    /** Reads the live workers and derives every catalogue agent's view. */
    public Uni<RegistrySnapshot> current() {
        Instant now = Instant.now();
        return workers.seenSince(now.minus(config.workerTtl()))
                .map(live -> new RegistrySnapshot(live, AvailabilityCalculator.compute(live, now)));
    }

    /** Recomputes the view and publishes the agents whose availability changed. */
    public Uni<Void> refresh() {
        // Taken before reading, so a slow read cannot overwrite the result of a later one.
        long ticket = tickets.incrementAndGet();
        return current().invoke(snapshot -> apply(ticket, snapshot)).replaceWithVoid();
    }

    @Scheduled(every = "${dg.registry.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        Instant forgetBefore = Instant.now().minus(config.forgetAfter());
        return workers.forgetUnseenSince(forgetBefore)
                .chain(this::refresh)
                .onFailure().invoke(e -> Log.warnf("availability sweep failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** When the view was last recomputed, null before the first time. */
    public Instant lastRefresh() {
        return lastRefresh;
    }

    private synchronized void apply(long ticket, RegistrySnapshot snapshot) {
        if (ticket < appliedTicket) {
            return;
        }
        appliedTicket = ticket;
        lastRefresh = Instant.now();
        liveWorkers.set(snapshot.liveWorkers().size());
        availableAgents.set((int) snapshot.agents().values().stream().filter(AgentView::available).count());
        for (AgentView view : snapshot.agents().values()) {
            if (!view.changedFrom(published.get(view.agentId()))) {
                continue;
            }
            published.put(view.agentId(), view);
            Log.infof("agent %s is %s (workers %s)", view.agentId(), view.available() ? "available" : "unavailable",
                    view.workers());
            announcer.announce(view).subscribe().with(
                    ignored -> {
                    },
                    failure -> {
                        // Forget it so the next sweep publishes it again.
                        published.remove(view.agentId(), view);
                        Log.warnf("could not publish availability of %s: %s", view.agentId(), failure.getMessage());
                    });
        }
    }
}
