package dev.devgodzilla.worker.attempt;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.sandbox.output.OutputTail;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.worker.artifact.AttemptLog;

/**
 * Where every line an attempt prints goes, whatever its way: masked with the attempt's secrets first,
 * then to the log artifact, to {@code step-logs} in batches, to a bounded tail kept in memory and, for
 * standard output, to whoever reads the agent's stream (its parser). Closing it sends the last batch and
 * closes the log, which the artifacts then list; it does not wait for the bus: the attempt's report holds its
 * terminal event until the last batch is acknowledged, so the capture of the workspace runs meanwhile.
 */
public final class AttemptOutput implements AutoCloseable {
    private final SecretRedactor redactor;
    private final AttemptLog log;
    private final LogChunkBatcher batcher;
    private final OutputTail tail;
    /** Told the last batch's send on close: what must follow the output on the bus waits for it. */
    private final Consumer<CompletionStage<Void>> onLastBatch;
    private volatile Consumer<String> stdoutReader = line -> { };

    AttemptOutput(SecretRedactor redactor, AttemptLog log, LogChunkBatcher batcher, int tailCapacity,
                  Consumer<CompletionStage<Void>> onLastBatch) {
        this.redactor = redactor;
        this.onLastBatch = onLastBatch;
        this.log = log;
        this.batcher = batcher;
        this.tail = new OutputTail(tailCapacity);
    }

    /** Also gives every (masked) standard-output line to {@code reader}, e.g. the agent's stream parser. */
    public void readStdoutWith(Consumer<String> reader) {
        this.stdoutReader = reader;
    }

    public void line(LogStream stream, String line) {
        String safe = redactor.redact(line);
        // what the log keeps goes live as well: past its limit, its marker once, then nothing
        String kept = log.append(safe);
        if (kept != null) {
            batcher.add(stream, kept);
        }
        tail.add(safe);
        if (stream == LogStream.STDOUT) {
            stdoutReader.accept(safe);
        }
    }

    /** Sends the pending batch if it has waited long enough; called a few times a second while running. */
    public void tick() {
        batcher.flushIfDue();
    }

    /** The last {@code chars} characters printed (masked), at most the tail's capacity. */
    public String tail(int chars) {
        return tail.last(chars);
    }

    /** The log artifact, for the manifest once this output is closed. */
    public AttemptLog log() {
        return log;
    }

    @Override
    public void close() {
        try (log) {
            onLastBatch.accept(batcher.flushLast());
        }
    }
}
