package dev.devgodzilla.registry.repository;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.registry.domain.AgentRoutingVersion;
import dev.devgodzilla.support.sql.SqlRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads and writes the {@code agent_routing_versions} table, on the pool or inside a caller's transaction. */
@ApplicationScoped
public class AgentRoutingVersionRepository {
    private static final String COLUMNS = "version, routing, changed_at, changed_by";

    /** The version in force, or null before the first change. */
    public Uni<AgentRoutingVersion> latest(SqlClient db) {
        return db.query("select " + COLUMNS + " from agent_routing_versions order by version desc limit 1").execute()
                .map(rows -> SqlRows.first(rows, AgentRoutingVersionRepository::version));
    }

    /** Stores {@code next}; fails on {@link SqlRows#duplicateKey} when a concurrent change took its version. */
    public Uni<Void> insert(SqlClient db, AgentRoutingVersion next) {
        return db.preparedQuery("insert into agent_routing_versions (" + COLUMNS + ") values ($1, $2, $3, $4)")
                .execute(Tuple.of(next.version, next.routing, SqlRows.utc(next.changedAt), next.changedBy))
                .replaceWithVoid();
    }

    private static AgentRoutingVersion version(Row row) {
        AgentRoutingVersion v = new AgentRoutingVersion();
        v.version = row.getLong("version");
        v.routing = row.getString("routing");
        v.changedAt = SqlRows.instant(row, "changed_at");
        v.changedBy = row.getString("changed_by");
        return v;
    }
}
