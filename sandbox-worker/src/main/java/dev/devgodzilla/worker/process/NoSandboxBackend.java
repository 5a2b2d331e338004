package dev.devgodzilla.worker.process;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs the program directly on the host, without isolation, in a new session made by
 * {@code setsid}. A child spawned by the JVM is never a process-group leader, so {@code setsid}
 * execs in place: the started process's pid is also its session and group id.
 */
@ApplicationScoped
public class NoSandboxBackend implements SandboxBackend {
    public static final String NAME = "none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProcessBuilder prepare(ProcessSpec spec) {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.addAll(spec.command());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.workingDir().toFile())
                // An agent that waits on stdin would hang forever; give it an empty one.
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(spec.environment());
        return builder;
    }
}
