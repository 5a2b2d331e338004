package dev.devgodzilla.sandbox;

/** Outcome of a command run to completion (or killed) inside a sandbox, with its captured output. */
public record ExecResult(int exitCode, String stdout, String stderr, boolean timedOut, boolean outputLimitExceeded) {

    public boolean succeeded() {
        return exitCode == 0 && !timedOut && !outputLimitExceeded;
    }
}
