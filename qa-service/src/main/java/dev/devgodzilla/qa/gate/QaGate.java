package dev.devgodzilla.qa.gate;

import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.StepCompleted;

/** One QA check of a completed step. Implementations never throw: a broken check is an ERROR result. */
public interface QaGate {

    /** The gate's name in {@link QaGateResult#gate()}. */
    String name();

    QaGateResult run(StepCompleted step);
}
