package dev.devgodzilla.worker.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.devgodzilla.worker.config.WorkerConfig;
import io.quarkus.logging.Log;

/**
 * Keeps the private HOME of an attempt whose agent reported a session and asked a question, so that the step's
 * next attempt on this worker (after an answer) can resume that session: agents keep their sessions in their
 * HOME, which goes with the sandbox. The HOME is the agent's to write, so it is copied as data only: regular files
 * and directories, never following or copying a symbolic link or anything else, and at most {@value #MAX_MIB}
 * MiB. Its
 * {@code .cache} is left behind: caches hold no session (Copilot unpacks its whole package there). A kept HOME is
 * used once, and forgotten after {@link #KEEP}.
 */
@ApplicationScoped
public class SessionHomes {
    static final int MAX_MIB = 64;
    static final Duration KEEP = Duration.ofDays(7);
    private static final String CACHE = ".cache";
    private static final Pattern SAFE_STEP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final Path root;

    @Inject
    public SessionHomes(WorkerConfig config) {
        this(Path.of(config.sandbox().stateDir()).resolveSibling("sessions"));
    }

    SessionHomes(Path root) {
        this.root = root;
    }

    /** Keeps {@code home} for {@code stepId}'s next attempt, replacing what was kept before. */
    public void save(String stepId, Path home) {
        if (!SAFE_STEP_ID.matcher(stepId).matches() || !Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path target = root.resolve(stepId);
        Path partial = root.resolve(stepId + ".partial");
        try {
            forgetOld();
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            delete(partial);
            if (!copyData(home, partial, MAX_MIB * 1024L * 1024L, home.resolve(CACHE))) {
                Log.warnf("step %s: its agent's HOME is over %d MiB; its session is not kept", stepId, MAX_MIB);
                delete(partial);
                return;
            }
            delete(target);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Log.warnf("step %s: its agent's session could not be kept: %s", stepId, e.getMessage());
        }
    }

    /** Puts the HOME kept for {@code stepId} into {@code home}; false when this worker kept none. */
    public boolean restore(String stepId, Path home) {
        Path kept = root.resolve(stepId);
        if (!SAFE_STEP_ID.matcher(stepId).matches() || !Files.isDirectory(kept, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            Files.createDirectories(home);
            boolean copied = copyData(kept, home, Long.MAX_VALUE, null);
            delete(kept);
            return copied;
        } catch (IOException e) {
            Log.warnf("step %s: its agent's session could not be restored: %s", stepId, e.getMessage());
            return false;
        }
    }

    /**
     * Copies regular files and directories of {@code from} into {@code to}, leaving out {@code skipped} (null:
     * nothing); false once over {@code maxBytes}.
     */
    private static boolean copyData(Path from, Path to, long maxBytes, Path skipped) throws IOException {
        AtomicLong bytes = new AtomicLong();
        boolean[] fits = {true};
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink() || dir.equals(skipped)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                // walkFileTree does not follow links by default: a link is visited as itself, and skipped
                if (!attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                if (bytes.addAndGet(attrs.size()) > maxBytes) {
                    fits[0] = false;
                    return FileVisitResult.TERMINATE;
                }
                Files.copy(file, to.resolve(from.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
        return fits[0];
    }

    private void forgetOld() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        Instant before = Instant.now().minus(KEEP);
        try (Stream<Path> kept = Files.list(root)) {
            for (Path dir : kept.toList()) {
                if (Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
                    delete(dir);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
