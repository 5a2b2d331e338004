package dev.devgodzilla.execution.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.execution.domain.Clarification;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Reads and writes the {@code clarifications} table. */
@ApplicationScoped
public class ClarificationRepository implements PanacheRepositoryBase<Clarification, String> {

    /** The clarifications of {@code stepId}, oldest first. */
    public Uni<List<Clarification>> ofStep(String stepId) {
        return list("stepId = ?1 order by createdAt", stepId);
    }

    /** Clarifications in {@code state}, oldest first, at most {@code limit}. */
    public Uni<List<Clarification>> inState(Clarification.State state, int limit) {
        return find("state = ?1 order by createdAt", state).page(0, limit).list();
    }

    /** The open clarifications of {@code stepId}, newest first. */
    public Uni<List<Clarification>> openOf(String stepId) {
        return list("stepId = ?1 and state = ?2 order by createdAt desc", stepId, Clarification.State.OPEN);
    }
}
