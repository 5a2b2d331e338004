package dev.devgodzilla.worker.attempt;

import java.util.concurrent.CompletionStage;

import dev.devgodzilla.contracts.messages.StepLogChunk;

/** Where live output chunks go: {@code step-logs}, through the messaging edge; a lost chunk is not fatal. */
public interface StepLogSink {

    /** Sends {@code chunk}; the stage completes once the bus has it, or it is lost (never exceptionally). */
    CompletionStage<Void> publish(StepLogChunk chunk);
}
