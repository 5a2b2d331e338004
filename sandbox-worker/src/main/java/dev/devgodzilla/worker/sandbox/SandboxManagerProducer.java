package dev.devgodzilla.worker.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import dev.devgodzilla.sandbox.BackendKind;
import dev.devgodzilla.sandbox.SandboxConfig;
import dev.devgodzilla.sandbox.SandboxManager;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.install.AgentDirs;
import dev.devgodzilla.worker.install.DummyAgentScript;
import io.quarkus.logging.Log;

/** Makes the worker's one {@link SandboxManager} from its settings; every agent run goes through it. */
@ApplicationScoped
public class SandboxManagerProducer {

    @Produces
    @ApplicationScoped
    SandboxManager sandboxManager(WorkerConfig config, DummyAgentScript dummy) {
        WorkerConfig.SandboxSettings settings = config.sandbox();
        List<Path> readOnly = new ArrayList<>();
        // the worker's own tools (the dummy agent) must be runnable inside
        readOnly.add(dummy.path().getParent());
        // agent installs: the .bin links point into the packages of the same prefix, so all of it must be visible
        AgentDirs.installPrefixes(config).stream().filter(p -> !readOnly.contains(p)).forEach(readOnly::add);
        settings.readOnlyPaths().ifPresent(paths -> paths.stream().filter(p -> !p.isBlank()).map(Path::of)
                .forEach(readOnly::add));
        SandboxConfig sandboxConfig = SandboxConfig.defaults()
                .withBackend(BackendKind.valueOf(settings.backend().trim().toUpperCase(Locale.ROOT)))
                .withMaxMode(settings.maxMode())
                .withStateDir(Path.of(settings.stateDir()))
                .withExtraReadOnlyPaths(readOnly);
        SandboxManager manager = new SandboxManager(sandboxConfig);
        manager.onEgressDenied(denied -> Log.warnf("step %s: egress to %s:%d denied (%s)", denied.stepId(),
                denied.host(), denied.port(), denied.reason()));
        manager.warnings().forEach(w -> Log.warnf("sandbox: %s", w));
        Log.infof("sandbox backend %s: %s", manager.status().backend(),
                manager.status().available() ? "available" : "NOT available - " + manager.status().reason());
        return manager;
    }

    void close(@Disposes SandboxManager manager) {
        manager.close();
    }
}
