package dev.devgodzilla.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The workspace root the test profile lets a job name a workspace in ({@code dg.worker.workspace-roots}). */
public final class TestWorkspaceRoots {
    public static final Path PROJECTS = Path.of(System.getProperty("java.io.tmpdir"), "dg-worker-test", "projects");

    private TestWorkspaceRoots() {
    }

    /** A new, empty workspace a job may name. */
    public static Path newWorkspace(String prefix) {
        try {
            return Files.createTempDirectory(Files.createDirectories(PROJECTS), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
