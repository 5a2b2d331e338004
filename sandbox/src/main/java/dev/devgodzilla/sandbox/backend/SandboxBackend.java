package dev.devgodzilla.sandbox.backend;

import java.util.List;

/** An isolation technique: checks whether it works here and turns a {@link LaunchPlan} into a command line. */
public interface SandboxBackend {

    /** Short name reported in health, such as {@code bwrap}. */
    String name();

    /** Checks the host once; the manager refuses to open sandboxes when this is not available. */
    BackendProbe probe();

    /** Things an operator should know about this backend (for example that it does not isolate). */
    default List<String> warnings() {
        return List.of();
    }

    /** Builds the host command and environment for one command in the sandbox. */
    Launch launch(LaunchPlan plan);

    /**
     * A host command that removes what a launch left behind when killing the launched process is not enough
     * (a container keeps running when its client dies); empty when nothing else is needed.
     */
    default List<String> cleanupCommand(LaunchPlan plan) {
        return List.of();
    }

    /**
     * Whether nothing a launched command started can outlive it once the launched host process has exited
     * (it ran as the init of its own PID namespace, which the kernel empties when that init ends), so an
     * exited run needs no search for descendants and no signal to its group.
     */
    default boolean runsEndWithTheirProcess() {
        return false;
    }
}
