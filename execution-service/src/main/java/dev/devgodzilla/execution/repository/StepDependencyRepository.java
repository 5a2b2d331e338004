package dev.devgodzilla.execution.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.execution.domain.StepDependency;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Reads and writes the {@code step_dependencies} table. */
@ApplicationScoped
public class StepDependencyRepository implements PanacheRepositoryBase<StepDependency, StepDependency.Key> {

    /** The steps {@code stepIds} depend on, as rows. */
    public Uni<List<StepDependency>> of(List<String> stepIds) {
        return stepIds.isEmpty() ? Uni.createFrom().item(List.of()) : list("stepId in ?1", stepIds);
    }
}
