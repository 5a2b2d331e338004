package dev.devgodzilla.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.TracingMetadata;

/** A traceparent from a message is read, never trusted: what is not a W3C trace context starts no trace. */
class TraceParentsTest {
    private static final String VALID = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void aValidTraceparentIsContinued() {
        SpanContext parent = Span.fromContext(TraceParents.of(VALID)).getSpanContext();
        assertThat(parent.isValid()).isTrue();
        assertThat(parent.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(parent.getSpanId()).isEqualTo("b7ad6b7169203331");
        try (Scope ignored = TraceParents.of(VALID).makeCurrent()) {
            assertThat(TraceParents.current()).isEqualTo(VALID);
        }
    }

    @Test
    void anythingElseStartsNoTrace() {
        for (String hostile : new String[] {null, "", "garbage", "00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\ninjected: yes",
                "00-" + "f".repeat(10_000), "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}) {
            assertThat(Span.fromContext(TraceParents.of(hostile)).getSpanContext().isValid())
                    .as("%s", hostile == null ? null : hostile.substring(0, Math.min(hostile.length(), 60))).isFalse();
        }
        // outside any span nothing is kept (an outbox row stores null) and a message goes out unchanged
        assertThat(TraceParents.current()).isNull();
        Message<String> message = Message.of("x");
        assertThat(TraceParents.continuing(message, null)).isSameAs(message);
        assertThat(TraceParents.continuing(message, VALID).getMetadata(TracingMetadata.class)).isPresent();
        assertThat(TraceParents.receivedIn(message)).isEqualTo(Context.current());
    }
}
