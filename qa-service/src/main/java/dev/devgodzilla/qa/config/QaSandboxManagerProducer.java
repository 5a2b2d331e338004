package dev.devgodzilla.qa.config;

import java.nio.file.Path;
import java.util.Locale;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;


import dev.devgodzilla.sandbox.BackendKind;
import dev.devgodzilla.sandbox.SandboxConfig;
import dev.devgodzilla.sandbox.SandboxManager;
import io.quarkus.logging.Log;

/** Makes the sandbox manager check commands run in: the workers' sandbox, on the QA host. */
@ApplicationScoped
public class QaSandboxManagerProducer {

    @Produces
    @ApplicationScoped
    SandboxManager sandboxManager(QaConfig config) {
        SandboxManager manager = new SandboxManager(SandboxConfig.defaults()
                .withBackend(BackendKind.valueOf(config.sandbox().backend().trim().toUpperCase(Locale.ROOT)))
                .withStateDir(Path.of(config.sandbox().stateDir())));
        manager.warnings().forEach(w -> Log.warnf("QA sandbox: %s", w));
        Log.infof("QA sandbox backend %s: %s", manager.status().backend(),
                manager.status().available() ? "available" : "NOT available - " + manager.status().reason());
        return manager;
    }

    void close(@Disposes SandboxManager manager) {
        manager.close();
    }
}
