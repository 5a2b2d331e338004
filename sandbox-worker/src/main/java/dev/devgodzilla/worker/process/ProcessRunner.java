package dev.devgodzilla.worker.process;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Starts processes through the configured {@link SandboxBackend} and watches them; the same for every
 * command-line engine.
 */
@ApplicationScoped
public class ProcessRunner {
    private final SandboxBackend backend;
    private final ProcessTreeKiller killer;

    public ProcessRunner(SandboxBackend backend, ProcessTreeKiller killer) {
        this.backend = backend;
        this.killer = killer;
    }

    public String backendName() {
        return backend.name();
    }

    /** Starts {@code spec}; output flows to {@code listener} until the process ends. */
    public RunningProcess start(ProcessSpec spec, OutputListener listener) throws IOException {
        Process process = backend.prepare(spec).start();
        return new RunningProcess(process, spec, listener, killer);
    }

    /** Starts {@code spec} and waits for its end. */
    public ProcessOutcome run(ProcessSpec spec, OutputListener listener) throws IOException {
        return start(spec, listener).await();
    }
}
