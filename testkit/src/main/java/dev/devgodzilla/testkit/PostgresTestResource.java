package dev.devgodzilla.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts a real PostgreSQL for a Quarkus test run and points the reactive and JDBC datasources at it. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private static final String DATABASE = "dg";
    private Postgres postgres;

    @Override
    public Map<String, String> start() {
        postgres = Postgres.start(null, 0);
        postgres.createDatabase(DATABASE);
        return Map.of(
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(DATABASE),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(DATABASE),
                "quarkus.datasource.username", Postgres.USER,
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
