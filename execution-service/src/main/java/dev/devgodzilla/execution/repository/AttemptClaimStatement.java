package dev.devgodzilla.execution.repository;

import static dev.devgodzilla.support.sql.SqlRows.utc;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.domain.Step;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An attempt's claim as one statement, through the reactive SQL client: the step's row is taken only if the attempt
 * is current, out on a worker ({@link Step#ON_WORKER}) and held by no process, and its timeline notes the claim, in
 * one round trip and one implicit transaction. A claim is on every attempt's path, before its agent may start; as a
 * unit of work it would be a lock, an insert, an update and a commit, four round trips and most of the claim's time.
 *
 * <p>Two claims at once: the second waits for the first's row lock, then finds the row claimed and takes nothing
 * (PostgreSQL checks an update's condition again on the row it waited for).
 */
@ApplicationScoped
public class AttemptClaimStatement {
    /** The step as the claim found it, before it took it, and whether this claim took it. */
    public record Found(StepState state, int attempt, String claimedBy, boolean taken) {
    }

    private static final String CLAIM = """
            with taken as (
                update steps set claimed_by = $3, waiting_on = null, lease_expires_at = $4, updated_at = $5,
                    version = version + 1
                where step_id = $1 and attempt = $2 and state = any($6) and claimed_by is null
                returning step_id
            ), noted as (
                insert into step_events (step_id, attempt, kind, event_id, summary, ignored, occurred_at, recorded_at)
                select $1, $2, 'claimed', $7, $8, false, $5, $5 from taken
            )
            select state, attempt, claimed_by, exists (select 1 from taken) as taken from steps where step_id = $1
            """;

    private final Pool pool;

    public AttemptClaimStatement(Pool pool) {
        this.pool = pool;
    }

    /**
     * Gives attempt {@code attempt} of the step to {@code instance} until {@code leaseUntil} if it is free.
     *
     * @return empty for an unknown step
     */
    public Uni<Optional<Found>> claim(String stepId, int attempt, String instance, Instant leaseUntil, Instant now,
                                      String eventId, String summary) {
        Tuple args = Tuple.tuple()
                .addString(stepId).addInteger(attempt).addString(instance)
                .addOffsetDateTime(utc(leaseUntil)).addOffsetDateTime(utc(now))
                .addArrayOfString(Step.ON_WORKER.stream().map(StepState::name).toArray(String[]::new))
                .addString(eventId).addString(summary);
        return pool.preparedQuery(CLAIM).execute(args).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? Optional.of(found(it.next())) : Optional.empty();
        });
    }

    private static Found found(Row row) {
        return new Found(StepState.valueOf(row.getString("state")), row.getInteger("attempt"),
                row.getString("claimed_by"), row.getBoolean("taken"));
    }
}
