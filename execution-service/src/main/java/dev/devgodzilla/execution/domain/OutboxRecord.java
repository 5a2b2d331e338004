package dev.devgodzilla.execution.domain;

import java.time.Instant;


import dev.devgodzilla.contracts.CloudEvents;
import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.support.tracing.TraceParents;

/**
 * A bus record waiting to be published; written in the transaction of the change it announces. It holds
 * the record exactly as it goes out (topic, key, CloudEvents type, body), so the relay sends it as it is.
 */
public class OutboxRecord {
    public Long id;

    public String topic;
    public String recordKey;

    /** The CloudEvents {@code type} of the message, e.g. {@code dev.devgodzilla.sandbox.job}. */
    public String ceType;

    /** The message JSON. */
    public String payload;
    public Instant createdAt;

    /**
     * The W3C trace context the row was written in (null with tracing off), so that the record the relay sends
     * later, outside that context, goes on in the step's trace.
     */
    public String traceparent;

    /** The row that publishes {@code message} (a contracts message) to {@code topic} under {@code key}. */
    public static OutboxRecord of(String topic, String key, Object message) {
        OutboxRecord row = new OutboxRecord();
        row.topic = topic;
        row.recordKey = key;
        row.ceType = CloudEvents.typeOf(message);
        row.payload = Json.write(message);
        row.createdAt = Instant.now();
        row.traceparent = TraceParents.current();
        return row;
    }
}
