package dev.devgodzilla.worker.engine;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.messages.InstalledAgent;
import dev.devgodzilla.worker.config.WorkerConfig;
import io.quarkus.logging.Log;

/**
 * What this worker found of each agent: the dummy (always there) and every catalogue agent with a
 * binary, looked for on the PATH and asked for its version. Checking runs processes, so it is done at
 * startup and every few minutes, and heartbeats read the last result.
 */
@ApplicationScoped
public class InstalledAgents {
    private final DummyAgentScript dummy;
    private final Duration versionTimeout;
    private volatile List<InstalledAgent> current;

    public InstalledAgents(DummyAgentScript dummy, WorkerConfig config) {
        this.dummy = dummy;
        this.versionTimeout = config.versionTimeout();
        this.current = List.of(dummyAgent());
    }

    /** The result of the last check. */
    public List<InstalledAgent> current() {
        return current;
    }

    /** Looks for every agent again. */
    public List<InstalledAgent> refresh() {
        List<InstalledAgent> found = new ArrayList<>();
        found.add(dummyAgent());
        for (AgentMetadata agent : AgentCatalog.all()) {
            if (AgentCatalog.DUMMY.equals(agent.id()) || agent.binary() == null || agent.binary().isBlank()) {
                continue;
            }
            found.add(check(agent));
        }
        current = List.copyOf(found);
        return current;
    }

    private InstalledAgent dummyAgent() {
        return version(dummy.path())
                .map(v -> new InstalledAgent(AgentCatalog.DUMMY, true, v, null))
                .orElseGet(() -> new InstalledAgent(AgentCatalog.DUMMY, false, null,
                        "`" + dummy.path() + " --version` did not answer"));
    }

    private InstalledAgent check(AgentMetadata agent) {
        Optional<Path> binary = onPath(agent.binary());
        if (binary.isEmpty()) {
            return new InstalledAgent(agent.id(), false, null,
                    "`" + agent.binary() + "` not found on PATH; " + agent.installHint());
        }
        return version(binary.get())
                .map(v -> new InstalledAgent(agent.id(), true, v, null))
                .orElseGet(() -> new InstalledAgent(agent.id(), false, null,
                        "`" + agent.binary() + " --version` failed or took longer than "
                                + versionTimeout.toSeconds() + " s"));
    }

    static Optional<Path> onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, binary);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The first non-blank line {@code <binary> --version} prints, if it exits 0 in time. */
    private Optional<String> version(Path binary) {
        try {
            Process process = new ProcessBuilder(binary.toString(), "--version")
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(versionTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String text;
            try (InputStream in = process.getInputStream()) {
                text = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            if (process.exitValue() != 0) {
                return Optional.empty();
            }
            return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst();
        } catch (IOException e) {
            Log.debugf("could not ask %s for its version: %s", binary, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
