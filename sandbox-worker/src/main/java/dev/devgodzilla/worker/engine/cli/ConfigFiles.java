package dev.devgodzilla.worker.engine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an agent's config file into a run's private HOME. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
