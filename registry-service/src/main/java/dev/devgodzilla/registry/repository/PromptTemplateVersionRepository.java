package dev.devgodzilla.registry.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.registry.domain.PromptTemplateVersion;
import dev.devgodzilla.support.sql.SqlRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads and writes the {@code prompt_template_versions} table, on the pool or inside a caller's transaction. */
@ApplicationScoped
public class PromptTemplateVersionRepository {
    private static final String COLUMNS = "name, version, description, text, removed, changed_at, changed_by";

    /** The latest version of {@code name}, or null when it was never stored. */
    public Uni<PromptTemplateVersion> latest(SqlClient db, String name) {
        return db.preparedQuery("select " + COLUMNS + " from prompt_template_versions where name = $1"
                        + " order by version desc limit 1").execute(Tuple.of(name))
                .map(rows -> SqlRows.first(rows, PromptTemplateVersionRepository::version));
    }

    /** The latest version of every template ever stored, removed ones included, by name. */
    public Uni<List<PromptTemplateVersion>> latestOfEach(SqlClient db) {
        return db.query("select distinct on (name) " + COLUMNS + " from prompt_template_versions"
                        + " order by name, version desc").execute()
                .map(rows -> SqlRows.all(rows, PromptTemplateVersionRepository::version));
    }

    /** Stores {@code next}; fails on {@link SqlRows#duplicateKey} when a concurrent change took its version. */
    public Uni<Void> insert(SqlClient db, PromptTemplateVersion next) {
        return db.preparedQuery("insert into prompt_template_versions (" + COLUMNS
                        + ") values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] {next.name, next.version, next.description, next.text,
                        next.removed, SqlRows.utc(next.changedAt), next.changedBy}))
                .replaceWithVoid();
    }

    private static PromptTemplateVersion version(Row row) {
        PromptTemplateVersion v = new PromptTemplateVersion();
        v.name = row.getString("name");
        v.version = row.getLong("version");
        v.description = row.getString("description");
        v.text = row.getString("text");
        v.removed = row.getBoolean("removed");
        v.changedAt = SqlRows.instant(row, "changed_at");
        v.changedBy = row.getString("changed_by");
        return v;
    }
}
