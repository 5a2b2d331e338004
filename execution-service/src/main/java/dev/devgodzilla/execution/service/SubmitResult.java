package dev.devgodzilla.execution.service;

import dev.devgodzilla.contracts.messages.StepRequestValidator.Violation;
import dev.devgodzilla.contracts.messages.StepState;

import java.util.List;

/** What became of a submitted request. */
public record SubmitResult(Outcome outcome, String stepId, String reason, List<Violation> violations) {

    /** The four ends of a submission. */
    public enum Outcome {
        /** New step, stored and resolved. */
        ACCEPTED,
        /** A different body for a known step that waited for a new specification or plan: it starts again. */
        RESPECIFIED,
        /** Same stepId and same body as a known step: nothing new starts. */
        DUPLICATE,
        /** Same stepId, different body: rejected. */
        CONFLICT,
        /** The request breaks the contract. */
        INVALID
    }

    static SubmitResult of(Outcome outcome, String stepId) {
        return new SubmitResult(outcome, stepId, null, List.of());
    }

    static SubmitResult invalid(String stepId, List<Violation> violations) {
        return new SubmitResult(Outcome.INVALID, stepId, "invalid step request: "
                + violations.stream().map(Violation::toString).reduce((a, b) -> a + "; " + b).orElse(""), violations);
    }

    static SubmitResult conflict(String stepId, StepState state) {
        return new SubmitResult(Outcome.CONFLICT, stepId, "stepId " + stepId + " already exists with a different"
                + " request (it is " + state + "; only a step that awaits a new specification or plan takes one)",
                List.of());
    }
}
