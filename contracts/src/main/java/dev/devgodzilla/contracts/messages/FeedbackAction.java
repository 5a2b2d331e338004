package dev.devgodzilla.contracts.messages;

/** What a blocked step needs before it can run again. */
public enum FeedbackAction {
    /** Answer a question; the step reruns with the answer. */
    CLARIFY,
    /** The step's specification must be rewritten. */
    RE_SPECIFY,
    /** The plan around the step must change. */
    RE_PLAN
}
