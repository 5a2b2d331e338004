package dev.devgodzilla.worker.process;

/**
 * Turns a process spec into a launchable process. The one place where isolation (bubblewrap,
 * containers) plugs in; every backend must start the program in its own session so that the whole
 * tree can be signalled as a group.
 */
public interface SandboxBackend {

    /** The name heartbeats and events report, e.g. {@code none} or {@code bwrap}. */
    String name();

    ProcessBuilder prepare(ProcessSpec spec);
}
