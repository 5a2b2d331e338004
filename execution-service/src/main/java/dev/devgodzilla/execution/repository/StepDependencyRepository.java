package dev.devgodzilla.execution.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.execution.domain.StepDependency;
import dev.devgodzilla.support.sql.SqlRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads and writes the {@code step_dependencies} table. */
@ApplicationScoped
public class StepDependencyRepository {
    private final Pool pool;

    public StepDependencyRepository(Pool pool) {
        this.pool = pool;
    }

    /** The steps {@code stepIds} depend on, as rows. */
    public Uni<List<StepDependency>> of(List<String> stepIds) {
        if (stepIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return UnitOfWork.client(pool).preparedQuery("select step_id, depends_on from step_dependencies"
                        + " where step_id = any($1)")
                .execute(Tuple.of(stepIds.toArray(String[]::new)))
                .map(rows -> SqlRows.all(rows, row -> StepDependency.of(row.getString("step_id"),
                        row.getString("depends_on"))));
    }

    /** Adds the rows, in the caller's transaction. */
    public Uni<Void> persist(List<StepDependency> dependencies) {
        if (dependencies.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return UnitOfWork.client(pool).preparedQuery("insert into step_dependencies (step_id, depends_on)"
                        + " values ($1, $2)")
                .executeBatch(dependencies.stream().map(d -> Tuple.of(d.stepId, d.dependsOn)).toList())
                .replaceWithVoid();
    }

    /** Forgets what {@code stepId} depends on. */
    public Uni<Void> forget(String stepId) {
        return UnitOfWork.client(pool).preparedQuery("delete from step_dependencies where step_id = $1")
                .execute(Tuple.of(stepId)).replaceWithVoid();
    }
}
