package dev.devgodzilla.execution.repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One database transaction on the reactive SQL client and the rows it loaded: what a state change does runs inside
 * one ({@link #run}), the repositories take its connection from the Vert.x context it runs on, and each row a change
 * loaded or inserted ({@link #track}) is written back before the commit, only the columns that changed. So the
 * services change a {@code Step} as an object, and the repositories say in SQL what that means.
 *
 * <p>What the unit writes at the end (its rows, and the statements it was given for then, {@link #later}) goes to the
 * database in one pipeline: sent together and awaited together, one round trip where each statement waited for the
 * one before it.
 *
 * <p>A versioned row is written back only at the version it was loaded at, and bumps it. A row is changed only
 * where it was loaded under its lock, so a mismatch is a fault (a statement of the same transaction changed it
 * under the object), refused loudly rather than one of the two writes lost.
 */
public final class UnitOfWork {
    private static final String KEY = "dg.unit-of-work";

    /**
     * A table whose rows a unit writes back: its first column is the key, {@code values} gives an entity's columns
     * in order as they are bound, and a {@code versioned} table has a {@code version} column besides.
     */
    public record Table<T>(String name, List<String> columns, java.util.function.Function<T, Object[]> values,
                           boolean versioned) {
        String insert() {
            String placeholders = IntStream.rangeClosed(1, columns.size()).mapToObj(i -> "$" + i)
                    .collect(Collectors.joining(", "));
            return "insert into " + name + " (" + String.join(", ", columns) + ") values (" + placeholders + ")";
        }
    }

    /** A row the unit holds: {@code loaded} is what it was read as, null for a row it adds ({@link #add}). */
    private record Held(Table<Object> table, Object entity, Object[] loaded, long version) {
    }

    /** A statement to run at write-back. */
    private record Later(String sql, Tuple args) {
    }

    private final SqlClient connection;
    private final Map<String, Held> held = new LinkedHashMap<>();
    private final List<Later> later = new ArrayList<>();
    private volatile boolean ended;

    private UnitOfWork(SqlClient connection) {
        this.connection = connection;
    }

    /**
     * Runs {@code work} in a transaction of its own, or inside the one this context already runs (its rows then
     * commit with that one's). The rows it changed are written back after {@code work}, before the commit.
     */
    public static <T> Uni<T> run(Pool pool, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            if (current().isPresent()) {
                return work.get();
            }
            return pool.withTransaction(connection -> {
                UnitOfWork unit = new UnitOfWork(connection);
                ContextLocals.put(KEY, unit);
                return Uni.createFrom().deferred(work::get).call(() -> unit.writeBack()).eventually(unit::end);
            });
        });
    }

    private static Optional<UnitOfWork> current() {
        return VertxContext.isOnDuplicatedContext()
                ? ContextLocals.<UnitOfWork>get(KEY).filter(unit -> !unit.ended) : Optional.empty();
    }

    /** Nothing more goes into this transaction: what follows on the context (a next unit) starts afresh. */
    private void end() {
        ended = true;
        if (VertxContext.isOnDuplicatedContext() && ContextLocals.get(KEY).orElse(null) == this) {
            ContextLocals.remove(KEY);
        }
    }

    /** Where a repository's statement goes: the current transaction's connection, else the pool (a read). */
    static SqlClient client(Pool pool) {
        return current().map(unit -> unit.connection).orElse(pool);
    }

    /**
     * The row of {@code table} as this unit holds it: the object it already holds for the same key (a second load
     * in one transaction gives the same object, with what the first one changed), else {@code loaded}, held from
     * now on. Outside a unit, {@code loaded} itself, written nowhere.
     */
    @SuppressWarnings("unchecked")
    static <T> T track(Table<T> table, T loaded, long version) {
        Optional<UnitOfWork> unit = current();
        if (unit.isEmpty() || loaded == null) {
            return loaded;
        }
        Object[] columns = table.values().apply(loaded);
        String key = key(table, columns);
        Held known = unit.get().held.get(key);
        if (known != null) {
            return (T) known.entity();
        }
        unit.get().held.put(key, new Held((Table<Object>) table, loaded, columns, version));
        return loaded;
    }

    /** Inserts {@code entity} as a new row of {@code table} and holds it, so that changes to it are written too. */
    static <T> Uni<T> insert(Pool pool, Table<T> table, T entity) {
        Object[] columns = table.values().apply(entity);
        return client(pool).preparedQuery(table.insert()).execute(Tuple.from(columns))
                .map(rows -> track(table, entity, 0));
    }

    /**
     * Holds {@code entity} as a new row of {@code table}, inserted when the unit writes back, as it is then: one
     * statement where an insert and the update of what the unit did to it next would be two. Until then no
     * statement of the unit sees the row, so this is for a row the rest of the unit only changes as an object.
     * Outside a unit, inserted at once.
     */
    @SuppressWarnings("unchecked")
    static <T> Uni<T> add(Pool pool, Table<T> table, T entity) {
        Optional<UnitOfWork> unit = current();
        if (unit.isEmpty()) {
            return insert(pool, table, entity);
        }
        Object[] columns = table.values().apply(entity);
        unit.get().held.put(key(table, columns), new Held((Table<Object>) table, entity, null, 0));
        return Uni.createFrom().item(entity);
    }

    /**
     * Runs {@code sql} with {@code args} when the unit writes back, in one pipeline with its other writes: for an
     * insert whose outcome nothing reads (a timeline entry, an outbox row). As with {@link #add}, no statement of the
     * unit sees what it writes before then; statements given here run in the order given, before the rows. Outside
     * a unit, run at once.
     */
    static Uni<Void> later(Pool pool, String sql, Tuple args) {
        Optional<UnitOfWork> unit = current();
        if (unit.isEmpty()) {
            return pool.preparedQuery(sql).execute(args).replaceWithVoid();
        }
        unit.get().later.add(new Later(sql, args));
        return Uni.createFrom().voidItem();
    }

    /** Where a unit holds a row: its table and key (the first column). */
    private static String key(Table<?> table, Object[] columns) {
        return table.name() + "/" + columns[0];
    }

    /**
     * Sends every statement of the write-back before awaiting any: the connection pipelines them, in the order they
     * are subscribed, and the first to fail fails the unit (the database then refuses the rest of the transaction).
     */
    private Uni<Void> writeBack() {
        List<Uni<Void>> writes = new ArrayList<>();
        later.forEach(statement -> writes.add(connection.preparedQuery(statement.sql()).execute(statement.args())
                .replaceWithVoid()));
        later.clear();
        held.values().forEach(row -> writes.add(writeBack(row)));
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(writes).andFailFast().replaceWithVoid();
    }

    private Uni<Void> writeBack(Held row) {
        Object[] now = row.table().values().apply(row.entity());
        if (row.loaded() == null) {
            return connection.preparedQuery(row.table().insert()).execute(Tuple.from(now)).replaceWithVoid();
        }
        int[] changed = IntStream.range(1, now.length).filter(i -> !Objects.equals(row.loaded()[i], now[i])).toArray();
        if (changed.length == 0) {
            return Uni.createFrom().voidItem();
        }
        List<String> set = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        args.add(now[0]);
        for (int i : changed) {
            args.add(now[i]);
            set.add(row.table().columns().get(i) + " = $" + args.size());
        }
        String key = row.table().columns().getFirst();
        StringBuilder update = new StringBuilder("update ").append(row.table().name()).append(" set ")
                .append(String.join(", ", set));
        if (row.table().versioned()) {
            args.add(row.version());
            update.append(", version = version + 1 where ").append(key).append(" = $1 and version = $")
                    .append(args.size());
        } else {
            update.append(" where ").append(key).append(" = $1");
        }
        return connection.preparedQuery(update.toString()).execute(Tuple.from(args)).map(rows -> {
            if (rows.rowCount() != 1) {
                throw new ConcurrentChangeException(row.table().name() + " row " + now[0]);
            }
            return rows;
        }).replaceWithVoid();
    }

    /** A row written back was not at the version it was loaded at. */
    public static final class ConcurrentChangeException extends IllegalStateException {
        ConcurrentChangeException(String what) {
            super(what + " changed under the transaction that loaded it; nothing of that transaction is kept");
        }
    }
}
