package dev.devgodzilla.registry.health;

import dev.devgodzilla.registry.config.RegistryConfig;
import dev.devgodzilla.registry.service.AvailabilityTracker;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.time.Instant;

/** Ready while the availability sweep keeps running; a stalled sweep means stale availability. */
@Readiness
@ApplicationScoped
public class AvailabilitySweepCheck implements HealthCheck {
    private final AvailabilityTracker tracker;
    private final RegistryConfig config;

    public AvailabilitySweepCheck(AvailabilityTracker tracker, RegistryConfig config) {
        this.tracker = tracker;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Instant last = tracker.lastRefresh();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("agent-availability-sweep");
        if (last == null) {
            // Not run yet (first sweep is one interval after start): nothing is wrong yet.
            return response.up().withData("lastRefresh", "pending").build();
        }
        Duration limit = config.sweepInterval().multipliedBy(10).plus(config.workerTtl());
        boolean fresh = last.isAfter(Instant.now().minus(limit));
        return response.status(fresh).withData("lastRefresh", last.toString()).build();
    }
}
