package dev.devgodzilla.worker.attempt;

import dev.devgodzilla.contracts.messages.StepLogChunk;

/** Where live output chunks go: {@code step-logs}, through the messaging edge; a lost chunk is not fatal. */
public interface StepLogSink {

    void publish(StepLogChunk chunk);
}
