package dev.devgodzilla.execution.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.StepState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads where a step is, through the reactive SQL client, from any thread (for following it). */
@ApplicationScoped
public class StepStateReader {
    /** A step's state and its current attempt (0 before the first). */
    public record Position(StepState state, int attempt) {
    }

    private final Pool pool;

    public StepStateReader(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<Position>> position(String stepId) {
        return pool.preparedQuery("select state, attempt from steps where step_id = $1").execute(Tuple.of(stepId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    var row = it.next();
                    return Optional.of(new Position(StepState.valueOf(row.getString("state")),
                            row.getInteger("attempt")));
                });
    }
}
