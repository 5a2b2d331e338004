package dev.devgodzilla.worker.way.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.sandbox.ExecResult;
import dev.devgodzilla.sandbox.Sandbox;
import dev.devgodzilla.sandbox.SandboxException;
import dev.devgodzilla.sandbox.SandboxManager;
import dev.devgodzilla.sandbox.SandboxSpec;
import dev.devgodzilla.worker.config.WorkerConfig;
import io.quarkus.logging.Log;

/**
 * Asks an agent binary for its version: {@code <binary> --version} in a sandbox of its own (an empty
 * read-only workspace, no network, none of the worker's environment), as every run of an agent is. The
 * answer is the first non-blank line it prints, if it exits 0 in time.
 */
@ApplicationScoped
public class VersionProbe {
    private final SandboxManager sandboxes;
    private final Duration timeout;

    @Inject
    public VersionProbe(SandboxManager sandboxes, WorkerConfig config) {
        this(sandboxes, config.versionTimeout());
    }

    public VersionProbe(SandboxManager sandboxes, Duration timeout) {
        this.sandboxes = sandboxes;
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    public Optional<String> version(Path binary) {
        Path workspace = null;
        try {
            workspace = Files.createTempDirectory("dg-version-probe-");
            try (Sandbox sandbox = sandboxes.open(SandboxSpec.of("version-probe", workspace, SandboxMode.READ_ONLY))) {
                ExecResult result = sandbox.run(List.of(binary.toString(), "--version"), Map.of(), timeout);
                if (result.timedOut() || result.exitCode() != 0) {
                    return Optional.empty();
                }
                return Stream.of(result.stdout(), result.stderr()).flatMap(String::lines).map(String::strip)
                        .filter(line -> !line.isEmpty()).findFirst();
            }
        } catch (IOException | SandboxException e) {
            Log.debugf("could not ask %s for its version: %s", binary, e.getMessage());
            return Optional.empty();
        } finally {
            delete(workspace);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            Log.debugf("could not remove %s: %s", dir, e.getMessage());
        }
    }
}
