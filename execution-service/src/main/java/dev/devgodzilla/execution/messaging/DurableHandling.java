package dev.devgodzilla.execution.messaging;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * What a consumer does when handling a record meets the database failing: a transient failure (the
 * connection lost or refused, a time-out, a serialization failure or deadlock, the server shutting down)
 * is retried with backoff for as long as it lasts, holding the record, so that a valid event never goes to
 * the DLQ because PostgreSQL was away for a moment. Once this process is stopping, every failure is held
 * the same way: its database pool closes before its consumers do, and a record it cannot handle any more is
 * left uncommitted for the next process, never dead-lettered. Anything else fails the record, which the DLQ
 * takes.
 */
final class DurableHandling {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static volatile boolean stopping;

    private DurableHandling() {
    }

    static <T> Uni<T> retryingTransientFailures(String what, Supplier<Uni<? extends T>> handling) {
        return Uni.createFrom().<T>deferred(handling)
                .onFailure(DurableHandling::held)
                .invoke(e -> Log.warnf("%s: %s (%s); trying again", what,
                        stopping ? "this service is stopping" : "the database failed", e.getMessage()))
                .onFailure(DurableHandling::held).retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely();
    }

    /** From now on no failure dead-letters a record: see the class comment. */
    static void processStopping() {
        stopping = true;
    }

    private static boolean held(Throwable failure) {
        return stopping || transientFailure(failure);
    }

    static boolean transientFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                // 08: connection, 40001/40P01: serialization and deadlock, 53: resources, 57P: shutdown
                if (state.startsWith("08") || state.equals("40001") || state.equals("40P01")
                        || state.startsWith("53") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (t instanceof ConnectException || t instanceof TimeoutException
                    || (t.getMessage() != null && (t.getMessage().contains("Connection is closed")
                    || t.getMessage().contains("Pool closed")))
                    || t.getClass().getSimpleName().equals("ClosedConnectionException")) {
                return true;
            }
        }
        return false;
    }
}
