package dev.devgodzilla.worker.attempt;

/** How a process run ended. */
public enum Termination {
    /** The process exited by itself; its exit code says how. */
    EXITED,
    /** The wall-clock limit was reached and the tree was killed. */
    TIMED_OUT,
    /** No output for too long; the tree was killed. */
    IDLE_TIMEOUT,
    /** Someone asked to stop it. */
    CANCELLED,
    /** The worker is shutting down. */
    SHUTDOWN,
    /** The run printed more than its sandbox allows and was killed. */
    OUTPUT_LIMIT,
    /** The run went over what is left of its step's budget of tokens, cost or time, and was killed. */
    BUDGET_EXCEEDED
}
