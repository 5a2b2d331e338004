package dev.devgodzilla.worker.way.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes an agent's config file into a run's private HOME. */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    public static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
