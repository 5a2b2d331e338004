package dev.devgodzilla.worker.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.devgodzilla.contracts.messages.StepLogChunk;
import dev.devgodzilla.support.messaging.BusMessages;
import dev.devgodzilla.worker.config.WorkerConfig;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Publishes live output chunks on {@code step-logs}, keyed by step id; losing one is not fatal. */
@ApplicationScoped
public class StepLogPublisher {
    private final MutinyEmitter<String> emitter;
    private final WorkerConfig config;

    public StepLogPublisher(
            @Channel(Channels.STEP_LOGS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
            MutinyEmitter<String> emitter,
            WorkerConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /** A batcher that gathers the lines of one attempt into chunks. */
    public LogChunkBatcher batcher(String stepId, int attempt) {
        return new LogChunkBatcher(stepId, attempt, config.logBatchWindow(), this::publish);
    }

    void publish(StepLogChunk chunk) {
        try {
            emitter.sendMessageAndForget(BusMessages.keyed(chunk.stepId(), chunk, Channels.SOURCE));
        } catch (RuntimeException e) {
            // The full output is in the log artifact; a dropped live chunk only delays a viewer.
            Log.debugf("dropped a log chunk of step %s: %s", chunk.stepId(), e.getMessage());
        }
    }
}
