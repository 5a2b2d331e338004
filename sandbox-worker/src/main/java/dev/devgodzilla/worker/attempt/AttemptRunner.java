package dev.devgodzilla.worker.attempt;

import dev.devgodzilla.contracts.messages.SandboxJob;

/**
 * Runs the attempts of one {@link Way}: everything of that way (workspace, process, hand-off or remote
 * session) is behind it, and it reports through an {@link AttemptReport}, never building events itself.
 */
public interface AttemptRunner {

    /** The way this runner runs. */
    Way way();

    /**
     * Runs {@code attempt} until its terminal event, or until it is handed over (the event then follows
     * later); publishes what happened and never throws.
     */
    void run(Attempt attempt);

    /** A newer attempt of {@code job}'s step arrived: forget any older one followed without a slot. */
    default void supersede(SandboxJob job) {
    }

    /**
     * Cancels an attempt this runner follows without a slot (0 or less: whichever attempt of the step);
     * true if there was one.
     */
    default boolean cancelHandedOver(String stepId, int attempt) {
        return false;
    }
}
