package dev.devgodzilla.execution.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code step_log_chunks} table, one statement each on the pool, outside any unit of work: log chunks are
 * many, small and written once, and following a step reads them from any thread.
 */
@ApplicationScoped
public class StepLogStore {
    /** Where a reader stands: the last chunk it has, (0, -1) before the first. */
    public record Cursor(int attempt, long seq) {
        public static final Cursor START = new Cursor(0, -1);

        public Cursor after(StepLogChunk chunk) {
            return new Cursor(chunk.attempt(), chunk.seq());
        }
    }

    private final Pool pool;

    public StepLogStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores {@code chunk} unless it is stored already. */
    public Uni<Void> append(StepLogChunk chunk) {
        return pool.preparedQuery("insert into step_log_chunks (step_id, attempt, seq, stream, text, occurred_at)"
                        + " values ($1, $2, $3, $4, $5, $6) on conflict do nothing")
                .execute(Tuple.from(List.of(chunk.stepId(), chunk.attempt(), chunk.seq(),
                        (chunk.stream() == null ? LogStream.STDOUT : chunk.stream()).name(), chunk.text(),
                        chunk.occurredAt() == null ? OffsetDateTime.now(ZoneOffset.UTC)
                                : chunk.occurredAt().atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** The chunks of {@code stepId} after {@code cursor}, in order, at most {@code limit}. */
    public Uni<List<StepLogChunk>> after(String stepId, Cursor cursor, int limit) {
        return pool.preparedQuery("select step_id, attempt, seq, stream, text, occurred_at from step_log_chunks"
                        + " where step_id = $1 and (attempt, seq) > ($2, $3) order by attempt, seq limit $4")
                .execute(Tuple.of(stepId, cursor.attempt(), cursor.seq(), limit))
                .map(rows -> {
                    List<StepLogChunk> chunks = new ArrayList<>();
                    rows.forEach(row -> chunks.add(chunkOf(row)));
                    return chunks;
                });
    }

    /** The output of one attempt of {@code stepId} so far, as one text. */
    public Uni<String> text(String stepId, int attempt) {
        return pool.preparedQuery("select text from step_log_chunks where step_id = $1 and attempt = $2"
                        + " order by seq")
                .execute(Tuple.of(stepId, attempt))
                .map(rows -> {
                    StringBuilder text = new StringBuilder();
                    rows.forEach(row -> text.append(row.getString("text")));
                    return text.toString();
                });
    }

    private static StepLogChunk chunkOf(Row row) {
        OffsetDateTime at = row.getOffsetDateTime("occurred_at");
        return new StepLogChunk(row.getString("step_id"), row.getInteger("attempt"), row.getLong("seq"),
                LogStream.valueOf(row.getString("stream")), row.getString("text"), at == null ? null : at.toInstant());
    }
}
