package dev.devgodzilla.worker.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code git} on a workspace through a git directory the worker owns, so nothing the agent wrote
 * decides what runs on the host. The workspace is only ever the work tree: its own {@code .git} (the
 * agent's to use) is never read, since git skips {@code .git} entries of a work tree and the git
 * directory is given explicitly. The configuration is the worker's alone: no system or global file, a
 * git directory whose config only the worker writes, and on every call hooks, fsmonitor, external diff
 * and text conversion switched off. Filter and diff drivers a workspace's {@code .gitattributes} names
 * have no definition here, so git applies none. The environment is cleared to a fixed few variables.
 */
final class Git {
    private static final long TIMEOUT_SECONDS = 120;
    private static final List<String> FIXED_CONFIG = List.of(
            "-c", "user.name=DevGodzilla Worker", "-c", "user.email=worker@devgodzilla.invalid",
            "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false", "-c", "core.quotepath=false",
            "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "core.untrackedCache=false",
            "-c", "core.sparseCheckout=false", "-c", "submodule.recurse=false",
            "-c", "protocol.allow=never", "-c", "gc.auto=0", "-c", "maintenance.auto=false");

    private final Path gitDir;
    private final Path workTree;
    private final Map<String, String> env;

    Git(Path gitDir, Path workTree, Map<String, String> env) {
        this.gitDir = gitDir;
        this.workTree = workTree;
        this.env = env;
    }

    Git(Path gitDir, Path workTree) {
        this(gitDir, workTree, Map.of());
    }

    /** A view of this repository that uses {@code indexFile} instead of its own index. */
    Git withIndex(Path indexFile) {
        return new Git(gitDir, workTree, Map.of("GIT_INDEX_FILE", indexFile.toString()));
    }

    /** Runs git and returns its stdout; fails on a non-zero exit. */
    String run(String... args) {
        return new String(runBytes(args), StandardCharsets.UTF_8);
    }

    byte[] runBytes(String... args) {
        Result result = execute(args);
        if (result.exitCode() != 0) {
            throw new GitException("git " + String.join(" ", args) + " failed (" + result.exitCode() + "): "
                    + result.stderr());
        }
        return result.stdout();
    }

    /** Runs git and returns how it ended, whatever its exit code. */
    Result execute(String... args) {
        try {
            Process process = start(args);
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] out = readAll(process.getInputStream());
            return new Result(awaitExit(process, args), out, new String(err.join(), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run git on " + workTree, e);
        }
    }

    /**
     * Runs git with its stdout streamed into {@code out}, at most {@code maxBytes} of it: past that git is
     * stopped, so its output never has to fit in memory or on disk whole.
     *
     * @return whether the output was cut at {@code maxBytes}
     */
    boolean runTo(Path out, long maxBytes, String... args) {
        try {
            Process process = start(args);
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            boolean cut;
            try (InputStream in = process.getInputStream(); OutputStream file = Files.newOutputStream(out)) {
                cut = copyAtMost(in, file, maxBytes);
            }
            if (cut) {
                process.destroyForcibly();
                awaitExit(process, args);
                return true;
            }
            int exit = awaitExit(process, args);
            if (exit != 0) {
                throw new GitException("git " + String.join(" ", args) + " failed (" + exit + "): "
                        + new String(err.join(), StandardCharsets.UTF_8).strip());
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run git on " + workTree, e);
        }
    }

    private static boolean copyAtMost(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long copied = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (copied + n > maxBytes) {
                out.write(buffer, 0, (int) (maxBytes - copied));
                return true;
            }
            out.write(buffer, 0, n);
            copied += n;
        }
        return false;
    }

    private int awaitExit(Process process, String... args) {
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new GitException("git " + String.join(" ", args) + " took longer than " + TIMEOUT_SECONDS + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GitException("interrupted while running git on " + workTree);
        }
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + gitDir, "--work-tree=" + workTree));
        command.addAll(FIXED_CONFIG);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workTree.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("LANG", "C.UTF-8");
        // the git directory's parent: no user's ~/.gitconfig, no XDG config is found
        environment.put("HOME", gitDir.getParent().toString());
        environment.put("GIT_CONFIG_NOSYSTEM", "1");
        environment.put("GIT_CONFIG_GLOBAL", "/dev/null");
        environment.put("GIT_TERMINAL_PROMPT", "0");
        environment.put("GIT_OPTIONAL_LOCKS", "0");
        environment.putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How one git call ended. */
    record Result(int exitCode, byte[] stdout, String stderr) {
    }

    /** A git command that failed. */
    static final class GitException extends RuntimeException {
        GitException(String message) {
            super(message);
        }
    }
}
