package dev.devgodzilla.support.sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.pgclient.PgException;

/** What the services' repositories share in reading rows of the reactive SQL client and binding their values. */
public final class SqlRows {
    private SqlRows() {
    }

    /** The first row mapped, null when there is none. */
    public static <T> T first(RowSet<Row> rows, Function<Row, T> mapper) {
        var it = rows.iterator();
        return it.hasNext() ? mapper.apply(it.next()) : null;
    }

    public static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> all = new ArrayList<>(rows.size());
        rows.forEach(row -> all.add(mapper.apply(row)));
        return all;
    }

    /** A {@code timestamp with time zone} parameter. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    /**
     * Whether {@code failure} is an insert refused on a primary key: for a versioned table, another change took
     * the same next version at the same time (both read the same latest version; the second insert waits for the
     * first's commit, then fails).
     */
    public static boolean duplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
