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
 * the DLQ because PostgreSQL was away for a moment. Anything else fails the record, which the DLQ takes.
 */
final class DurableHandling {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private DurableHandling() {
    }

    static <T> Uni<T> retryingTransientFailures(String what, Supplier<Uni<? extends T>> handling) {
        return Uni.createFrom().<T>deferred(handling)
                .onFailure(DurableHandling::transientFailure)
                .invoke(e -> Log.warnf("%s: the database failed (%s); trying again", what, e.getMessage()))
                .onFailure(DurableHandling::transientFailure).retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely();
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
                    || (t.getMessage() != null && t.getMessage().contains("Connection is closed"))
                    || t.getClass().getSimpleName().equals("ClosedConnectionException")) {
                return true;
            }
        }
        return false;
    }
}
