package dev.devgodzilla.qa.messaging;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.support.messaging.BusMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Writes {@link QaResult}s to {@code qa-results}, keyed by step id. */
@ApplicationScoped
public class QaResultPublisher {
    public static final String CHANNEL = Topics.QA_RESULTS;
    public static final String SOURCE = "qa-service";

    private final MutinyEmitter<String> emitter;

    public QaResultPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Publishes and waits for Kafka's acknowledgement; call from a worker thread only. */
    public void publish(QaResult result) {
        emitter.sendMessageAndAwait(BusMessages.keyed(result.stepId(), result, SOURCE));
    }
}
