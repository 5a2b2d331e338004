package dev.devgodzilla.worker.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import dev.devgodzilla.contracts.messages.StepLogChunk;
import dev.devgodzilla.support.messaging.BusMessages;
import dev.devgodzilla.worker.attempt.StepLogSink;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Publishes live output chunks on {@code step-logs}, keyed by step id; losing one is not fatal. */
@ApplicationScoped
public class StepLogPublisher implements StepLogSink {
    private final MutinyEmitter<String> emitter;

    public StepLogPublisher(
            @Channel(Channels.STEP_LOGS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10_000)
            MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    @Override
    public CompletionStage<Void> publish(StepLogChunk chunk) {
        try {
            return emitter.sendMessage(BusMessages.keyed(chunk.stepId(), chunk, Channels.SOURCE))
                    .onFailure().invoke(e -> dropped(chunk, e))
                    .onFailure().recoverWithNull()
                    .subscribeAsCompletionStage();
        } catch (RuntimeException e) {
            dropped(chunk, e);
            return CompletableFuture.completedFuture(null);
        }
    }

    private static void dropped(StepLogChunk chunk, Throwable e) {
        // The full output is in the log artifact; a dropped live chunk only delays a viewer.
        Log.debugf("dropped a log chunk of step %s: %s", chunk.stepId(), e.getMessage());
    }
}
