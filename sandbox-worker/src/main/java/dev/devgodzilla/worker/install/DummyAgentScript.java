package dev.devgodzilla.worker.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.worker.config.WorkerConfig;
import io.quarkus.logging.Log;

/**
 * The dummy agent's script, shipped as a classpath resource and unpacked to a directory of its own at
 * startup, so the worker runs it from a plain {@code java -jar} without the source tree.
 */
@ApplicationScoped
public class DummyAgentScript {
    public static final String RESOURCE = "engines/dg-dummy-agent";
    public static final String FILE_NAME = "dg-dummy-agent";

    private final Path path;

    public DummyAgentScript(WorkerConfig config) {
        try {
            Path dir = config.toolsDir().filter(d -> !d.isBlank()).map(Path::of)
                    .orElse(null);
            if (dir == null) {
                dir = Files.createTempDirectory("dg-tools-");
                dir.toFile().deleteOnExit();
            }
            this.path = extract(dir);
            path.toFile().deleteOnExit();
            Log.infof("dummy agent unpacked to %s", path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the dummy agent", e);
        }
    }

    /** Where the executable script is. */
    public Path path() {
        return path;
    }

    /** Writes the script into {@code dir} and makes it executable. */
    public static Path extract(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(FILE_NAME);
        try (InputStream in = DummyAgentScript.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCE + " is missing from the classpath");
            }
            // Write to a sibling and move, so a running copy is never seen half-written.
            Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }
}
