package dev.devgodzilla.worker.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.devgodzilla.sandbox.SandboxStatus;
import dev.devgodzilla.worker.sandbox.AttemptSandboxes;

/**
 * Ready only when the configured sandbox backend works: a worker without its sandbox refuses jobs
 * rather than running agents unsandboxed. Warnings (such as the {@code none} backend) show here too.
 */
@Readiness
@ApplicationScoped
public class SandboxReadinessCheck implements HealthCheck {
    private final AttemptSandboxes sandboxes;

    public SandboxReadinessCheck(AttemptSandboxes sandboxes) {
        this.sandboxes = sandboxes;
    }

    @Override
    public HealthCheckResponse call() {
        SandboxStatus status = sandboxes.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("sandbox")
                .withData("backend", status.backend())
                .withData("reason", status.reason() == null ? "" : status.reason());
        for (int i = 0; i < sandboxes.warnings().size(); i++) {
            response.withData("warning-" + (i + 1), sandboxes.warnings().get(i));
        }
        return response.status(status.available()).build();
    }
}
