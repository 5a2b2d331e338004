package dev.devgodzilla.worker.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.dispatch.RunningAttempts;

/** Alive while the JVM answers; reports the slots in use without calling anything that could block. */
@Liveness
@ApplicationScoped
public class WorkerLivenessCheck implements HealthCheck {
    private final RunningAttempts running;
    private final int capacity;

    public WorkerLivenessCheck(RunningAttempts running, WorkerConfig config) {
        this.running = running;
        this.capacity = config.capacity();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sandbox-worker")
                .withData("running", running.count())
                .withData("capacity", capacity)
                .up()
                .build();
    }
}
