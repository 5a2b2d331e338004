package dev.devgodzilla.worker.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.devgodzilla.worker.artifact.ArtifactWriter;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.install.DummyAgentScript;

/** Ready when workspaces and artifacts can be written and the dummy agent is in place (Kafka is checked by its own checks). */
@Readiness
@ApplicationScoped
public class WorkerReadinessCheck implements HealthCheck {
    private final Path workspaceRoot;
    private final Path artifactRoot;
    private final DummyAgentScript dummy;

    public WorkerReadinessCheck(WorkerConfig config, ArtifactWriter artifacts, DummyAgentScript dummy) {
        this.workspaceRoot = Path.of(config.workspaceRoot());
        this.artifactRoot = artifacts.root();
        this.dummy = dummy;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("sandbox-worker")
                .withData("workspaceRoot", workspaceRoot.toString())
                .withData("artifactDir", artifactRoot.toString())
                .withData("dummyAgent", dummy.path().toString());
        String problem = writable(workspaceRoot);
        if (problem == null) {
            problem = writable(artifactRoot);
        }
        if (problem == null && !Files.isExecutable(dummy.path())) {
            problem = "the dummy agent " + dummy.path() + " is missing or not executable";
        }
        return problem == null ? response.up().build() : response.down().withData("reason", problem).build();
    }

    /** Null if a file can be created in {@code dir}, else why not. */
    private static String writable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe-", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException | RuntimeException e) {
            return dir + " is not writable: " + e.getMessage();
        }
    }
}
