package dev.devgodzilla.worker.way.cli.process;

import dev.devgodzilla.contracts.messages.LogStream;

/** Receives a process's output live, one line at a time, in the order each stream wrote it. */
public interface OutputListener {

    void onLine(LogStream stream, String line);

    /** Called a few times a second while the process runs, so batching listeners can flush on time. */
    default void onTick() {
    }
}
