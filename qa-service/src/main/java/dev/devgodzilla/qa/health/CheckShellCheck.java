package dev.devgodzilla.qa.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Ready only where {@code bash} exists: without it every check command would end in ERROR. */
@Readiness
@ApplicationScoped
public class CheckShellCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        String bash = Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, "bash"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst().orElse(null);
        return HealthCheckResponse.named("check-shell").status(bash != null)
                .withData("bash", bash == null ? "not found on PATH" : bash).build();
    }
}
