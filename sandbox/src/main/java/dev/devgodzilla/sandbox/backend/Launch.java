package dev.devgodzilla.sandbox.backend;

import java.util.List;
import java.util.Map;

/**
 * The host command line and the exact environment to start it with. Secrets travel in the environment,
 * never on the command line, which every local user can read in /proc.
 */
public record Launch(List<String> command, Map<String, String> environment) {

    public Launch {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
