package dev.devgodzilla.worker.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code git} in a workspace with a fixed identity and no user or system configuration. */
final class Git {
    private static final long TIMEOUT_SECONDS = 120;

    private final Path dir;
    private final Map<String, String> env;

    Git(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    Git(Path dir) {
        this(dir, Map.of());
    }

    /** A view of this repository that uses {@code indexFile} instead of its own index. */
    Git withIndex(Path indexFile) {
        return new Git(dir, Map.of("GIT_INDEX_FILE", indexFile.toString()));
    }

    /** Runs git and returns its stdout; fails on a non-zero exit. */
    String run(String... args) {
        return new String(runBytes(args), StandardCharsets.UTF_8);
    }

    byte[] runBytes(String... args) {
        List<String> command = new ArrayList<>(List.of("git",
                "-c", "user.name=DevGodzilla Worker", "-c", "user.email=worker@devgodzilla.invalid",
                "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", "-c", "core.quotepath=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] out = readAll(process.getInputStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new GitException("git " + String.join(" ", args) + " took longer than " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new GitException("git " + String.join(" ", args) + " failed (" + process.exitValue() + "): "
                        + new String(err.join(), StandardCharsets.UTF_8).strip());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run git in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while running git in " + dir);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A git command that failed. */
    static final class GitException extends RuntimeException {
        GitException(String message) {
            super(message);
        }
    }
}
