package dev.devgodzilla.worker.artifact;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.quarkus.logging.Log;

/**
 * The combined output of one attempt, appended line by line as it arrives, up to its size limit: the line
 * that would pass it is replaced by one saying where the log was cut, and what follows is only counted.
 */
public final class AttemptLog implements AutoCloseable {
    private final Path file;
    private final BufferedWriter writer;
    private final long maxBytes;
    private long written;
    private long notKept;
    private boolean closed;

    AttemptLog(Path file, long maxBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
        try {
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Appends {@code line}; returns what went into the log for it: the line, the marker of the cut when this
     * line is the first past the limit, or null when it was not kept.
     */
    public synchronized String append(String line) {
        if (closed) {
            return null;
        }
        long bytes = line.getBytes(StandardCharsets.UTF_8).length + 1L;
        if (notKept > 0 || written + bytes > maxBytes) {
            boolean first = notKept == 0;
            notKept += bytes;
            return first ? write(cutMarker()) : null;
        }
        written += bytes;
        return write(line);
    }

    /** Whether output past the limit was left out. */
    public synchronized boolean cut() {
        return notKept > 0;
    }

    /** The bytes of output left out past the limit. */
    public synchronized long notKeptBytes() {
        return notKept;
    }

    public long maxBytes() {
        return maxBytes;
    }

    private String cutMarker() {
        return "[log cut at " + maxBytes + " bytes (dg.worker.max-log-bytes); the rest of the output is not kept,"
                + " its size is in the manifest]";
    }

    private String write(String text) {
        try {
            writer.write(text);
            writer.write('\n');
        } catch (IOException e) {
            Log.warnf("could not append to %s: %s", file, e.getMessage());
        }
        return text;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (IOException e) {
            Log.warnf("could not close %s: %s", file, e.getMessage());
        }
    }
}
