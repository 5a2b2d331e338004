package dev.devgodzilla.worker.attempt;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import io.vertx.core.Context;

/**
 * Gathers output lines of one attempt into {@link StepLogChunk}s, so a chatty agent sends a few records
 * a second rather than one per line. A chunk holds lines of one stream; it is sent when the stream
 * changes, when it grows large, or when its oldest line has waited for the batch window. The attempt's terminal
 * event must not overtake its output on the bus, or a reader that stops at the end misses the last lines: it is
 * sent only once the last chunk is acknowledged (a few seconds at most), see {@link #flushLast}.
 */
public final class LogChunkBatcher implements AutoCloseable {
    private static final int MAX_CHARS = 16 * 1024;
    /** How long closing waits for the last chunk to reach the bus; live output is best effort after that. */
    private static final Duration SENT_WAIT = Duration.ofSeconds(5);

    private final String stepId;
    private final int attempt;
    private final long windowNanos;
    private final Function<StepLogChunk, CompletionStage<Void>> sink;
    private final StringBuilder text = new StringBuilder();
    private LogStream stream;
    private long firstLineNanos;
    private long seq;
    /** The last chunk's send: chunks of one step share a partition, so it is acknowledged after the others. */
    private CompletionStage<Void> lastSent = CompletableFuture.completedFuture(null);

    public LogChunkBatcher(String stepId, int attempt, Duration window,
                           Function<StepLogChunk, CompletionStage<Void>> sink) {
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
        lastSent = sink.apply(new StepLogChunk(stepId, attempt, seq++, stream, text.toString(), Instant.now()));
        text.setLength(0);
        stream = null;
    }

    /**
     * Sends the pending chunk and returns the send of the last chunk, without waiting: the last is acknowledged
     * after all the others (one step's chunks share a partition), so whoever must follow the output on the bus
     * waits for it ({@link #awaitSent}), e.g. the attempt's terminal event.
     */
    public synchronized CompletionStage<Void> flushLast() {
        flush();
        return lastSent;
    }

    /** Sends the last chunk and returns once the bus has it (see {@link #awaitSent}). */
    @Override
    public void close() {
        awaitSent(flushLast());
    }

    /**
     * Returns once {@code last} is sent, or after a few seconds, or at once on an event loop (which must never
     * wait for the bus; attempts end on their own threads). A chunk the bus refused does not fail the caller: the
     * log artifact has the whole output, the live copy is best effort.
     */
    static void awaitSent(CompletionStage<Void> last) {
        if (Context.isOnEventLoopThread()) {
            return;
        }
        try {
            last.toCompletableFuture().get(SENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // best effort, as above
        }
    }
}
