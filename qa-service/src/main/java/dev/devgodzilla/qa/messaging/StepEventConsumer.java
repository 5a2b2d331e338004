package dev.devgodzilla.qa.messaging;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.MalformedMessageException;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.qa.service.QaRunner;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code step-events} and runs QA on each {@link StepCompleted}; other events are ignored.
 *
 * <p>QA runs on the {@code qa-gates} worker pool, unordered, so a long check neither blocks the
 * polling thread nor holds up the checks of other steps. The record is acked after the result is
 * published (at-least-once); an unreadable record is nacked into {@code step-events.dlq}.
 */
@ApplicationScoped
public class StepEventConsumer {
    public static final String CHANNEL = Topics.STEP_EVENTS;

    private final QaRunner runner;
    private final QaResultPublisher publisher;
    private final Tracer tracer;

    public StepEventConsumer(QaRunner runner, QaResultPublisher publisher, Tracer tracer) {
        this.runner = runner;
        this.publisher = publisher;
        this.tracer = tracer;
    }

    @Incoming(CHANNEL)
    @Blocking(value = "qa-gates", ordered = false)
    public void consume(String payload) {
        StepEvent event;
        try {
            event = Json.read(payload, StepEvent.class);
        } catch (MalformedMessageException e) {
            Log.warnf("unreadable step event sent to the DLQ: %s", e.getMessage());
            // Thrown, so the record is nacked with this reason and lands in the DLQ.
            throw e;
        }
        if (!(event instanceof StepCompleted completed)) {
            return;
        }
        if (completed.stepId() == null || completed.stepId().isBlank()) {
            throw new MalformedMessageException("completed step event without stepId");
        }
        // one span for the step's QA, in the step's trace: its check jobs and its verdict are sent inside it
        Span span = tracer.spanBuilder("qa").setAttribute("dg.step.id", completed.stepId())
                .setAttribute("dg.attempt", completed.attempt()).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            publisher.publish(runner.run(completed));
        } finally {
            span.end();
        }
    }
}
