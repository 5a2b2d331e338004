package dev.devgodzilla.worker.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.devgodzilla.contracts.messages.SandboxJob;

/** An agent this worker can run as a child process in a workspace. */
public interface Engine {

    /** The catalogue id of the agent, e.g. {@code dummy}. */
    String agentId();

    /** The headless command line that runs {@code job} in {@code workspace}. */
    List<String> command(SandboxJob job, Path workspace);

    /** Extra environment for the run. */
    default Map<String, String> environment(SandboxJob job) {
        return Map.of();
    }
}
