package dev.devgodzilla.support.tracing;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * A step's trace across the places where no thread or Vert.x context carries it: a W3C {@code traceparent} kept
 * with work done later (an outbox row), and the context a message arrived in handed to the thread that does its
 * work (a worker's attempt). With tracing off every span is invalid, so nothing is kept and nothing is made.
 */
public final class TraceParents {
    /** The W3C header (Kafka and HTTP alike) that carries the trace context. */
    public static final String HEADER = "traceparent";
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceParents() {
    }

    /** The {@code traceparent} of the current span; null when there is none. */
    public static String current() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> headers = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
        return headers.get(HEADER);
    }

    /** The context {@code traceparent} continues; the root context for null or an unreadable one. */
    public static Context of(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(HEADER, traceparent), FROM_MAP);
    }

    /** {@code message} sent as part of the trace {@code traceparent} names (unchanged without one). */
    public static <T> Message<T> continuing(Message<T> message, String traceparent) {
        return traceparent == null ? message : message.addMetadata(TracingMetadata.withCurrent(of(traceparent)));
    }

    /** The context {@code message} was received in (its receive span), or the current one. */
    public static Context receivedIn(Message<?> message) {
        return TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext)
                .filter(c -> Span.fromContext(c).getSpanContext().isValid())
                .orElse(Context.current());
    }
}
