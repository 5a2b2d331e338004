package dev.devgodzilla.worker.attempt;

import java.util.List;

import dev.devgodzilla.contracts.messages.AttemptRef;

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

    /** The attempts this runner follows without a slot (handed to an IDE), for the heartbeats. */
    default List<AttemptRef> handedOver() {
        return List.of();
    }

    /**
     * Ends an attempt of {@code stepId} this runner follows without a slot as told through execution-service
     * ({@code outcome} done, blocked or failed); true if there was one.
     */
    default boolean completeHandedOver(String stepId, String outcome, String summary, String question) {
        return false;
    }
}
