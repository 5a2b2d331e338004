package dev.devgodzilla.execution.repository;

import dev.devgodzilla.execution.domain.TimelineEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** The timeline of each step. */
@ApplicationScoped
public class TimelineRepository implements PanacheRepositoryBase<TimelineEntry, Long> {

    public Uni<Boolean> seen(String eventId) {
        return count("eventId", eventId).map(n -> n > 0);
    }

    public Uni<List<TimelineEntry>> of(String stepId) {
        return list("stepId", Sort.by("recordedAt").and("id"), stepId);
    }

    /** Adds an entry; the caller has checked {@link #seen} where the event may be redelivered. */
    public Uni<TimelineEntry> record(String stepId, int attempt, String kind, String eventId, String summary,
                                     String payload, Instant occurredAt, boolean ignored) {
        TimelineEntry entry = new TimelineEntry();
        entry.stepId = stepId;
        entry.attempt = attempt;
        entry.kind = kind;
        entry.eventId = eventId;
        entry.summary = summary;
        entry.payload = payload;
        entry.occurredAt = occurredAt;
        entry.recordedAt = Instant.now();
        entry.ignored = ignored;
        return persist(entry);
    }
}
