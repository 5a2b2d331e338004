package dev.devgodzilla.worker.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.MalformedMessageException;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.support.tracing.TraceParents;
import dev.devgodzilla.worker.dispatch.JobDispatcher;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Accepts sandbox jobs: parses the record, waits for a free slot, hands the run to the dispatcher and
 * acknowledges at once. The run never happens on this thread, so the poll loop is never the clock.
 */
@ApplicationScoped
public class JobConsumer {
    private final JobDispatcher dispatcher;

    public JobConsumer(JobDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    // Blocking: waiting for a slot when the worker is full is intended; the connector pauses meanwhile.
    @Incoming(Channels.SANDBOX_JOBS)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        SandboxJob job;
        try {
            job = parse(message.getPayload());
        } catch (MalformedMessageException e) {
            Log.warnf("unreadable sandbox job sent to the DLQ: %s", e.getMessage());
            return message.nack(e, deadLetterTopic(message));
        }
        // the attempt runs in the job's trace, on a thread of its own
        try (Scope ignored = TraceParents.receivedIn(message).makeCurrent()) {
            dispatcher.accept(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return message.nack(e);
        }
        return message.ack();
    }

    static SandboxJob parse(String payload) {
        SandboxJob job = Json.read(payload, SandboxJob.class);
        if (job.stepId() == null || job.stepId().isBlank()) {
            throw new MalformedMessageException("a sandbox job needs a stepId");
        }
        if (job.agentId() == null || job.agentId().isBlank()) {
            throw new MalformedMessageException("a sandbox job needs an agentId");
        }
        if (job.attempt() < 1) {
            throw new MalformedMessageException("a sandbox job needs an attempt of 1 or more");
        }
        return job;
    }

    /** The DLQ of the topic the record came from, as the worker may read several job topics. */
    private static Metadata deadLetterTopic(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(incoming -> Metadata.of(OutgoingKafkaRecordMetadata.builder()
                        .withTopic(Topics.dlq(incoming.getTopic()))
                        .build()))
                .orElse(Metadata.empty());
    }
}
