package dev.devgodzilla.qa.health;

import jakarta.enterprise.context.ApplicationScoped;


import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;


import dev.devgodzilla.sandbox.SandboxManager;
import dev.devgodzilla.sandbox.SandboxStatus;

/** Ready only where check commands can be sandboxed: without a sandbox every check would end in ERROR. */
@Readiness
@ApplicationScoped
public class CheckSandboxCheck implements HealthCheck {
    private final SandboxManager sandboxes;

    public CheckSandboxCheck(SandboxManager sandboxes) {
        this.sandboxes = sandboxes;
    }

    @Override
    public HealthCheckResponse call() {
        SandboxStatus status = sandboxes.status();
        return HealthCheckResponse.named("check-sandbox").status(status.available())
                .withData("backend", status.backend()).withData("detail", status.reason()).build();
    }
}
