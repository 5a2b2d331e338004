package dev.devgodzilla.execution.messaging;

import org.eclipse.microprofile.reactive.messaging.Message;

import dev.devgodzilla.execution.domain.OutboxRecord;
import dev.devgodzilla.support.messaging.BusMessages;
import dev.devgodzilla.support.tracing.TraceParents;

/**
 * Turns an outbox row into the bus record it stands for, with no need to read its body: the same key,
 * topic, body and CloudEvents headers that {@code BusMessages.keyedTo} gives the message the row was
 * written from (a fresh {@code ce_id} and {@code ce_time}, as every send has), in the trace it was written in.
 */
public final class OutboxMessages {
    private OutboxMessages() {
    }

    /** The record for {@code row}, sent by {@code source}, e.g. {@code execution-service}. */
    public static Message<String> of(OutboxRecord row, String source) {
        return TraceParents.continuing(
                BusMessages.written(row.topic, row.recordKey, row.ceType, row.payload, source), row.traceparent);
    }
}
