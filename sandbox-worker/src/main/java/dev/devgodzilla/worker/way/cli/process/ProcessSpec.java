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
 * @param stdin       what the program reads on standard input (an agent's prompt), or null for nothing
 */
public record ProcessSpec(
        List<String> command,
        Path workingDir,
        Map<String, String> environment,
        Duration timeout,
        Duration idleTimeout,
        Duration killGrace,
        String stdin) {

    public ProcessSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /** A program with nothing on its standard input. */
    public ProcessSpec(List<String> command, Path workingDir, Map<String, String> environment, Duration timeout,
                       Duration idleTimeout, Duration killGrace) {
        this(command, workingDir, environment, timeout, idleTimeout, killGrace, null);
    }
}
