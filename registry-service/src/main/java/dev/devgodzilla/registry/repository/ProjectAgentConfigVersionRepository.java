package dev.devgodzilla.registry.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.registry.domain.ProjectAgentConfigVersion;
import dev.devgodzilla.support.sql.SqlRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads and writes the {@code project_agent_config_versions} table, on the pool or inside a caller's transaction. */
@ApplicationScoped
public class ProjectAgentConfigVersionRepository {
    private static final String COLUMNS = "project_id, agent_id, version, fields, removed, changed_at, changed_by";

    /** The latest version of what {@code projectId} sets of {@code agentId}, or null when it never set anything. */
    public Uni<ProjectAgentConfigVersion> latest(SqlClient db, String projectId, String agentId) {
        return db.preparedQuery("select " + COLUMNS + " from project_agent_config_versions"
                        + " where project_id = $1 and agent_id = $2 order by version desc limit 1")
                .execute(Tuple.of(projectId, agentId))
                .map(rows -> SqlRows.first(rows, ProjectAgentConfigVersionRepository::version));
    }

    /** The latest version of every project and agent, removed ones included. */
    public Uni<List<ProjectAgentConfigVersion>> latestOfEach(SqlClient db) {
        return db.query("select distinct on (project_id, agent_id) " + COLUMNS + " from project_agent_config_versions"
                        + " order by project_id, agent_id, version desc").execute()
                .map(rows -> SqlRows.all(rows, ProjectAgentConfigVersionRepository::version));
    }

    /** Stores {@code next}; fails on {@link SqlRows#duplicateKey} when a concurrent change took its version. */
    public Uni<Void> insert(SqlClient db, ProjectAgentConfigVersion next) {
        return db.preparedQuery("insert into project_agent_config_versions (" + COLUMNS
                        + ") values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] {next.projectId, next.agentId, next.version, next.fields,
                        next.removed, SqlRows.utc(next.changedAt), next.changedBy}))
                .replaceWithVoid();
    }

    private static ProjectAgentConfigVersion version(Row row) {
        ProjectAgentConfigVersion v = new ProjectAgentConfigVersion();
        v.projectId = row.getString("project_id");
        v.agentId = row.getString("agent_id");
        v.version = row.getLong("version");
        v.fields = row.getString("fields");
        v.removed = row.getBoolean("removed");
        v.changedAt = SqlRows.instant(row, "changed_at");
        v.changedBy = row.getString("changed_by");
        return v;
    }
}
