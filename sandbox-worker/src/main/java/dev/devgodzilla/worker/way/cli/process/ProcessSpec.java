package dev.devgodzilla.worker.way.cli.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What to run and under which limits.
 *
 * @param command     the program and its arguments
 * @param workingDir  the directory the program runs in
 * @param environment variables added to (or replacing) the worker's own
 * @param timeout     wall-clock limit; zero or negative means none
 * @param idleTimeout limit on a stretch without any output; zero or negative means none
 * @param killGrace   time between SIGTERM and SIGKILL when the tree is stopped
 */
public record ProcessSpec(
        List<String> command,
        Path workingDir,
        Map<String, String> environment,
        Duration timeout,
        Duration idleTimeout,
        Duration killGrace) {

    public ProcessSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
