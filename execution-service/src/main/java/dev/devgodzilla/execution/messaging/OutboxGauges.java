package dev.devgodzilla.execution.messaging;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.execution.repository.OutboxRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * How far the outbox is behind: the rows waiting and the age of the oldest. A relay that keeps up holds both
 * near zero; a broker it cannot reach, or a row it cannot send, makes the age grow, which is what the outbox
 * alert watches. Read every few seconds with one query on the (small) outbox table, never per row.
 */
@ApplicationScoped
public class OutboxGauges {
    private final OutboxRepository outbox;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong oldestAgeMs = new AtomicLong();

    public OutboxGauges(OutboxRepository outbox, MeterRegistry registry) {
        this.outbox = outbox;
        Gauge.builder("dg.outbox.rows", rows, AtomicLong::get)
                .description("Outbox rows waiting to be sent")
                .register(registry);
        Gauge.builder("dg.outbox.oldest.age", oldestAgeMs, ms -> ms.get() / 1000.0)
                .description("Age of the oldest outbox row waiting, 0 when none waits")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(every = "${dg.outbox.gauges-every:5s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return outbox.backlog()
                .invoke(backlog -> {
                    rows.set(backlog.rows());
                    oldestAgeMs.set(backlog.oldestAgeMs());
                })
                .onFailure().invoke(e -> Log.debugf("outbox gauges not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
