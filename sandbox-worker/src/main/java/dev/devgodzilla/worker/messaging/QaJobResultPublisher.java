package dev.devgodzilla.worker.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.devgodzilla.contracts.messages.QaJobResult;
import dev.devgodzilla.support.messaging.BusMessages;
import dev.devgodzilla.worker.qa.QaResultSink;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Publishes the results of QA checks on {@code qa-job-results}, keyed by step id. */
@ApplicationScoped
public class QaJobResultPublisher implements QaResultSink {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final MutinyEmitter<String> emitter;

    public QaJobResultPublisher(@Channel(Channels.QA_JOB_RESULTS) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    @Override
    public void publish(QaJobResult result) {
        try {
            emitter.sendMessage(BusMessages.keyed(result.stepId(), result, Channels.SOURCE))
                    .await().atMost(SEND_TIMEOUT);
        } catch (RuntimeException e) {
            Log.errorf("could not publish the QA result of step %s attempt %d: %s", result.stepId(),
                    result.attempt(), e.getMessage());
        }
    }
}
