package dev.devgodzilla.worker.attempt;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.StepLogChunk;

/**
 * Gathers output lines of one attempt into {@link StepLogChunk}s, so a chatty agent sends a few records
 * a second rather than one per line. A chunk holds lines of one stream; it is sent when the stream
 * changes, when it grows large, or when its oldest line has waited for the batch window.
 */
public final class LogChunkBatcher implements AutoCloseable {
    private static final int MAX_CHARS = 16 * 1024;

    private final String stepId;
    private final int attempt;
    private final long windowNanos;
    private final Consumer<StepLogChunk> sink;
    private final StringBuilder text = new StringBuilder();
    private LogStream stream;
    private long firstLineNanos;
    private long seq;

    public LogChunkBatcher(String stepId, int attempt, Duration window, Consumer<StepLogChunk> sink) {
        this.stepId = stepId;
        this.attempt = attempt;
        this.windowNanos = window.toNanos();
        this.sink = sink;
    }

    public synchronized void add(LogStream from, String line) {
        if (stream != null && stream != from) {
            flush();
        }
        if (text.isEmpty()) {
            firstLineNanos = System.nanoTime();
        }
        stream = from;
        text.append(line).append('\n');
        if (text.length() >= MAX_CHARS) {
            flush();
        }
    }

    /** Sends the pending chunk if its oldest line has waited long enough. */
    public synchronized void flushIfDue() {
        if (!text.isEmpty() && System.nanoTime() - firstLineNanos >= windowNanos) {
            flush();
        }
    }

    public synchronized void flush() {
        if (text.isEmpty()) {
            return;
        }
        sink.accept(new StepLogChunk(stepId, attempt, seq++, stream, text.toString(), Instant.now()));
        text.setLength(0);
        stream = null;
    }

    @Override
    public void close() {
        flush();
    }
}
