package dev.devgodzilla.qa.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.QaJob;
import dev.devgodzilla.qa.gate.QaJobSink;
import dev.devgodzilla.support.messaging.BusMessages;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Writes {@link QaJob}s to {@code qa-jobs}, keyed by step id. */
@ApplicationScoped
public class QaJobPublisher implements QaJobSink {
    public static final String CHANNEL = Topics.QA_JOBS;

    private final MutinyEmitter<String> emitter;

    public QaJobPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Publishes and waits for Kafka's acknowledgement; call from a worker thread only. */
    @Override
    public void publish(QaJob job) {
        emitter.sendMessageAndAwait(BusMessages.keyed(job.stepId(), job, QaResultPublisher.SOURCE));
    }
}
