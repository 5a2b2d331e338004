package dev.devgodzilla.registry.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.registry.domain.AgentConfigVersion;
import dev.devgodzilla.support.sql.SqlRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads and writes the {@code agent_config_versions} table, on the pool or inside a caller's transaction. */
@ApplicationScoped
public class AgentConfigVersionRepository {
    private static final String COLUMNS = "agent_id, version, fields, registered, removed, changed_at, changed_by";

    /** The latest version of {@code agentId}, or null when it was never changed through the API. */
    public Uni<AgentConfigVersion> latest(SqlClient db, String agentId) {
        return db.preparedQuery("select " + COLUMNS + " from agent_config_versions where agent_id = $1"
                        + " order by version desc limit 1").execute(Tuple.of(agentId))
                .map(rows -> SqlRows.first(rows, AgentConfigVersionRepository::version));
    }

    /** The latest version of every agent changed through the API. */
    public Uni<List<AgentConfigVersion>> latestOfEach(SqlClient db) {
        return db.query("select distinct on (agent_id) " + COLUMNS + " from agent_config_versions"
                        + " order by agent_id, version desc").execute()
                .map(rows -> SqlRows.all(rows, AgentConfigVersionRepository::version));
    }

    /** Stores {@code next}; fails on {@link SqlRows#duplicateKey} when a concurrent change took its version. */
    public Uni<Void> insert(SqlClient db, AgentConfigVersion next) {
        return db.preparedQuery("insert into agent_config_versions (" + COLUMNS
                        + ") values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] {next.agentId, next.version, next.fields, next.registered,
                        next.removed, SqlRows.utc(next.changedAt), next.changedBy}))
                .replaceWithVoid();
    }

    private static AgentConfigVersion version(Row row) {
        AgentConfigVersion v = new AgentConfigVersion();
        v.agentId = row.getString("agent_id");
        v.version = row.getLong("version");
        v.fields = row.getString("fields");
        v.registered = row.getBoolean("registered");
        v.removed = row.getBoolean("removed");
        v.changedAt = SqlRows.instant(row, "changed_at");
        v.changedBy = row.getString("changed_by");
        return v;
    }
}
