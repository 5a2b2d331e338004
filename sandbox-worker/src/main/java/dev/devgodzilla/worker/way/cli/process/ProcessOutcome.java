package dev.devgodzilla.worker.way.cli.process;

import java.time.Duration;

import dev.devgodzilla.worker.attempt.Termination;

/**
 * The end of a process run.
 *
 * @param exitCode the exit code when the process exited by itself, else null
 */
public record ProcessOutcome(Termination termination, Integer exitCode, Duration duration) {

    /** True when the process exited by itself with code 0. */
    public boolean succeeded() {
        return termination == Termination.EXITED && exitCode != null && exitCode == 0;
    }
}
