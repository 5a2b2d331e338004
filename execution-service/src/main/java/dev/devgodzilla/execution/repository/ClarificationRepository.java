package dev.devgodzilla.execution.repository;

import static dev.devgodzilla.support.sql.SqlRows.instant;
import static dev.devgodzilla.support.sql.SqlRows.utc;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.execution.domain.Clarification;
import dev.devgodzilla.execution.repository.UnitOfWork.Table;
import dev.devgodzilla.support.sql.SqlRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads and writes the {@code clarifications} table; a clarification loaded in a {@link UnitOfWork} is written
 * back, what changed of it (its answer, its state), when the unit commits.
 */
@ApplicationScoped
public class ClarificationRepository {
    private static final List<String> COLUMNS = List.of("id", "step_id", "attempt", "agent_id", "question", "context",
            "suggested_action", "session_id", "state", "answer", "answered_by", "created_at", "answered_at");
    private static final Table<Clarification> CLARIFICATIONS = new Table<>("clarifications", COLUMNS,
            ClarificationRepository::columns, false);
    private static final String SELECT = "select " + String.join(", ", COLUMNS) + " from clarifications";

    private final Pool pool;

    public ClarificationRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores a new clarification, in the caller's transaction. */
    public Uni<Clarification> persist(Clarification clarification) {
        return UnitOfWork.insert(pool, CLARIFICATIONS, clarification);
    }

    /** The clarifications of {@code stepId}, oldest first. */
    public Uni<List<Clarification>> ofStep(String stepId) {
        return list(SELECT + " where step_id = $1 order by created_at", Tuple.of(stepId));
    }

    /** Clarifications in {@code state}, oldest first, at most {@code limit}. */
    public Uni<List<Clarification>> inState(Clarification.State state, int limit) {
        return list(SELECT + " where state = $1 order by created_at limit $2", Tuple.of(state.name(), limit));
    }

    /** The open clarifications of {@code stepId}, newest first. */
    public Uni<List<Clarification>> openOf(String stepId) {
        return list(SELECT + " where step_id = $1 and state = $2 order by created_at desc",
                Tuple.of(stepId, Clarification.State.OPEN.name()));
    }

    private Uni<List<Clarification>> list(String query, Tuple args) {
        return UnitOfWork.client(pool).preparedQuery(query).execute(args)
                .map(rows -> SqlRows.all(rows, row -> UnitOfWork.track(CLARIFICATIONS, clarification(row), 0)));
    }

    private static Object[] columns(Clarification c) {
        return new Object[] {c.id, c.stepId, c.attempt, c.agentId, c.question, c.context,
                c.suggestedAction == null ? null : c.suggestedAction.name(), c.sessionId,
                c.state == null ? null : c.state.name(), c.answer, c.answeredBy, utc(c.createdAt), utc(c.answeredAt)};
    }

    private static Clarification clarification(Row row) {
        Clarification c = new Clarification();
        c.id = row.getString("id");
        c.stepId = row.getString("step_id");
        c.attempt = row.getInteger("attempt");
        c.agentId = row.getString("agent_id");
        c.question = row.getString("question");
        c.context = row.getString("context");
        String action = row.getString("suggested_action");
        c.suggestedAction = action == null ? null : FeedbackAction.valueOf(action);
        c.sessionId = row.getString("session_id");
        c.state = Clarification.State.valueOf(row.getString("state"));
        c.answer = row.getString("answer");
        c.answeredBy = row.getString("answered_by");
        c.createdAt = instant(row, "created_at");
        c.answeredAt = instant(row, "answered_at");
        return c;
    }
}
