package dev.devgodzilla.worker.way.api;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.devgodzilla.contracts.messages.InstalledAgent;
import dev.devgodzilla.worker.way.cli.EngineHealth;
import io.quarkus.logging.Log;

/**
 * Asks the Jules API whether it answers with this worker's key, at each agent check: Jules stays available
 * through one failed check (a network hiccup), and is reported unavailable, with the API's answer, from the
 * second failure in a row until a check succeeds again.
 */
@ApplicationScoped
public class JulesHealthCheck {
    static final int FAILURES_BEFORE_UNAVAILABLE = 2;

    private final Supplier<EngineHealth> probe;
    private int failuresInARow;

    @Inject
    public JulesHealthCheck(JulesClient client, JulesConfig config) {
        this(() -> client.health().await().atMost(config.requestTimeout().plusSeconds(5)));
    }

    JulesHealthCheck(Supplier<EngineHealth> probe) {
        this.probe = probe;
    }

    /** {@code configured} (Jules as its key makes it) judged by a call to the API; unchanged without a key. */
    public synchronized InstalledAgent judge(InstalledAgent configured) {
        if (!configured.available()) {
            return configured;
        }
        EngineHealth health;
        try {
            health = probe.get();
        } catch (RuntimeException e) {
            health = EngineHealth.down("Jules API did not answer: " + e.getMessage(), 0);
        }
        if (health.available()) {
            failuresInARow = 0;
            return new InstalledAgent(configured.agentId(), true, configured.version(), null, health.latencyMs());
        }
        failuresInARow++;
        Log.warnf("Jules health check failed (%d in a row): %s", failuresInARow, health.reason());
        if (failuresInARow < FAILURES_BEFORE_UNAVAILABLE) {
            return new InstalledAgent(configured.agentId(), true, configured.version(), null, health.latencyMs());
        }
        return new InstalledAgent(configured.agentId(), false, null, health.reason() + " (" + failuresInARow
                + " checks in a row)", health.latencyMs());
    }
}
