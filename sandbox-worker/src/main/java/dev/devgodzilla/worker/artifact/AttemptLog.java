package dev.devgodzilla.worker.artifact;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.quarkus.logging.Log;

/** The combined output of one attempt, appended line by line as it arrives. */
public final class AttemptLog implements AutoCloseable {
    private final Path file;
    private final BufferedWriter writer;
    private boolean closed;

    AttemptLog(Path file) {
        this.file = file;
        try {
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    public synchronized void append(String line) {
        if (closed) {
            return;
        }
        try {
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            Log.warnf("could not append to %s: %s", file, e.getMessage());
        }
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
