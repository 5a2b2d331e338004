package dev.devgodzilla.worker.attempt;

/** How an agent's attempts run; each way has one {@link AttemptRunner}. */
public enum Way {
    /** The agent's CLI in the attempt's sandbox on this worker. */
    CLI,
    /** A command file in the workspace that an IDE picks up; the worker follows it without a slot. */
    IDE,
    /** A session on the Jules REST API, followed from the attempt's thread. */
    JULES
}
