package dev.devgodzilla.worker.way.cli.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;


import jakarta.enterprise.context.ApplicationScoped;


import dev.devgodzilla.sandbox.Phase;
import dev.devgodzilla.sandbox.Sandbox;
import dev.devgodzilla.sandbox.SandboxProcess;

/**
 * Starts processes inside an attempt's sandbox and watches them; the same for every command-line
 * engine. Nothing is started outside a sandbox: isolation (or, configured on purpose, none) is the
 * sandbox manager's decision.
 */
@ApplicationScoped
public class ProcessRunner {
    /**
     * Starts {@code spec}'s command in {@code sandbox} during {@code phase}; output flows to
     * {@code listener} until the process ends. The environment is the sandbox's (set when it was opened)
     * plus {@code spec.environment()}.
     */
    public RunningProcess start(Sandbox sandbox, Phase phase, ProcessSpec spec, OutputListener listener) {
        SandboxProcess process = sandbox.start(phase, spec.command(), spec.environment(), stdinFile(sandbox, spec));
        return new RunningProcess(process, spec, listener);
    }

    /** Starts {@code spec} in the execution phase and waits for its end. */
    public ProcessOutcome run(Sandbox sandbox, ProcessSpec spec, OutputListener listener) {
        return start(sandbox, Phase.EXECUTION, spec, listener).await();
    }

    /**
     * Writes the spec's standard input into the sandbox's private directory, which is not mounted inside: the
     * program reads it on stdin, and no other host user sees it in {@code /proc/<pid>/cmdline}.
     */
    private static Path stdinFile(Sandbox sandbox, ProcessSpec spec) {
        if (spec.stdin() == null) {
            return null;
        }
        try {
            Path file = Files.createTempFile(sandbox.privateDir(), "stdin-", ".txt",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, spec.stdin(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the standard input of " + spec.command().getFirst(), e);
        }
    }
}
