package dev.devgodzilla.worker.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.devgodzilla.contracts.agents.AgentSettings;
import io.quarkus.logging.Log;

/**
 * Turns an agent's credential references into the values its runs get, on this worker only: {@code env:NAME}
 * is the worker's environment variable, {@code file:/path} a file such as a mounted Kubernetes secret key. The
 * configuration and the bus carry only the references; a reference with nothing behind it here is left out.
 */
public final class AgentCredentials {
    private final UnaryOperator<String> environment;

    public AgentCredentials(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    public static AgentCredentials ofProcess() {
        return new AgentCredentials(System::getenv);
    }

    /** The values of {@code settings}' references, then {@code local} (the worker's own values) over them. */
    public Map<String, String> resolve(String agentId, AgentSettings settings, Map<String, String> local) {
        Map<String, String> values = new LinkedHashMap<>();
        settings.credentials().forEach((variable, reference) -> {
            String value = valueOf(agentId, variable, reference);
            if (value != null && !value.isBlank()) {
                values.put(variable, value);
            }
        });
        values.putAll(local);
        return values;
    }

    /**
     * The credentials of {@code settings} whose reference has nothing behind it on this worker and that
     * {@code local} does not set either, as {@code VAR (reference)}: what health reports, so a run that would
     * reach its vendor without a key is explained before it fails.
     */
    public java.util.List<String> unresolved(String agentId, AgentSettings settings, Map<String, String> local) {
        return settings.credentials().entrySet().stream()
                .filter(e -> !local.containsKey(e.getKey()))
                .filter(e -> {
                    String value = valueOf(agentId, e.getKey(), e.getValue());
                    return value == null || value.isBlank();
                })
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .toList();
    }

    private String valueOf(String agentId, String variable, String reference) {
        if (reference.startsWith("env:")) {
            return environment.apply(reference.substring(4));
        }
        if (reference.startsWith("file:")) {
            Path file = Path.of(reference.substring(5));
            if (!Files.isReadable(file)) {
                return null;
            }
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                Log.warnf("agent %s: credential %s cannot be read from %s: %s", agentId, variable, file,
                        e.getMessage());
                return null;
            }
        }
        return null;
    }
}
