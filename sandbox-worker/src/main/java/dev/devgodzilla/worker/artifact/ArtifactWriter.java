package dev.devgodzilla.worker.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import jakarta.enterprise.context.ApplicationScoped;


import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Sha256;
import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ArtifactKind;
import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.workspace.StepDirectoryName;

/**
 * Writes what an attempt leaves behind under {@code <artifact-dir>/<step>/attempt-<n>/} (the step as
 * {@link StepDirectoryName}): the output log, the diff of the workspace and a manifest, each described with its
 * size and sha256 as written. The log is cut at {@code dg.worker.max-log-bytes} and the diff at what is left of
 * {@code dg.worker.max-artifact-bytes} (and at most {@code dg.worker.max-diff-bytes}); a cut artifact says so in
 * its metadata: {@code cut}, {@code limitBytes} and, for the log, {@code notKeptBytes}.
 */
@ApplicationScoped
public class ArtifactWriter {
    public static final String OUTPUT_LOG = "output.log";
    public static final String CHANGES_DIFF = "changes.diff";
    public static final String MANIFEST = "manifest.json";

    /** Room kept in an attempt's artifact limit for its manifest. */
    private static final long MANIFEST_RESERVE = 1024 * 1024;

    private final Path root;
    private final long maxLogBytes;
    private final long maxDiffBytes;
    private final long maxArtifactBytes;

    public ArtifactWriter(WorkerConfig config) {
        this.root = Path.of(config.artifactDir()).toAbsolutePath().normalize();
        this.maxLogBytes = config.maxLogBytes();
        this.maxDiffBytes = config.maxDiffBytes();
        this.maxArtifactBytes = config.maxArtifactBytes();
    }

    /** How large the diff of an attempt whose log is {@code log} may be, within the attempt's artifact limit. */
    public long diffLimit(AttemptLog log) {
        long logBytes;
        try {
            logBytes = Files.size(log.file());
        } catch (IOException e) {
            logBytes = log.maxBytes();
        }
        return Math.max(0, Math.min(maxDiffBytes, maxArtifactBytes - logBytes - MANIFEST_RESERVE));
    }

    public Path root() {
        return root;
    }

    /** The directory of one attempt, created if missing. */
    public Path directory(String stepId, int attempt) {
        Path dir = root.resolve(StepDirectoryName.of(stepId)).resolve("attempt-" + attempt);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir, e);
        }
        return dir;
    }

    /** Opens the attempt's output log for appending as the agent writes. */
    public AttemptLog openLog(String stepId, int attempt) {
        return new AttemptLog(directory(stepId, attempt).resolve(OUTPUT_LOG), maxLogBytes);
    }

    /**
     * Writes the diff and the manifest next to the closed log and returns the manifest for the terminal
     * event, which lists the manifest file itself as well.
     */
    public ArtifactManifest finish(String stepId, int attempt, AttemptLog log, String diff,
                                   List<ChangedFile> changedFiles) {
        return finish(stepId, attempt, log, diff, changedFiles, List.of());
    }

    /**
     * Like {@link #finish(String, int, AttemptLog, String, List)}, listing also {@code more}: artifacts
     * already written into the attempt's directory (the patches of a Jules session).
     */
    public ArtifactManifest finish(String stepId, int attempt, AttemptLog log, String diff,
                                   List<ChangedFile> changedFiles, List<Artifact> more) {
        Path diffFile = diffFile(stepId, attempt);
        try {
            Files.writeString(diffFile, diff == null ? "" : diff, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + diffFile, e);
        }
        return finishWithWrittenDiff(stepId, attempt, log, changedFiles, more, null);
    }

    /** Where the diff of an attempt goes, for a writer that streams it there itself. */
    public Path diffFile(String stepId, int attempt) {
        return directory(stepId, attempt).resolve(CHANGES_DIFF);
    }

    /**
     * Writes the manifest next to the closed log and the diff already at {@link #diffFile(String, int)}, and
     * returns it for the terminal event, which lists the manifest file itself as well.
     *
     * @param diffCutAt the limit the diff was cut at, or null when it is whole
     */
    public ArtifactManifest finishWithWrittenDiff(String stepId, int attempt, AttemptLog log,
                                                  List<ChangedFile> changedFiles, List<Artifact> more, Long diffCutAt) {
        Path dir = directory(stepId, attempt);
        try {
            List<Artifact> artifacts = new ArrayList<>();
            Map<String, String> logMetadata = new LinkedHashMap<>(Map.of("contentType", "text/plain"));
            if (log.cut()) {
                logMetadata.putAll(Map.of("cut", "true", "limitBytes", Long.toString(log.maxBytes()),
                        "notKeptBytes", Long.toString(log.notKeptBytes())));
            }
            artifacts.add(describe(log.file(), ArtifactKind.LOG, logMetadata));
            artifacts.add(describe(dir.resolve(CHANGES_DIFF), ArtifactKind.DIFF, diffCutAt == null
                    ? Map.of("contentType", "text/x-diff")
                    : Map.of("contentType", "text/x-diff", "cut", "true", "limitBytes", diffCutAt.toString())));
            artifacts.addAll(more);
            ArtifactManifest written = new ArtifactManifest(stepId, attempt, dir.toString(),
                    List.copyOf(artifacts), List.copyOf(changedFiles));
            Path manifestFile = dir.resolve(MANIFEST);
            Files.writeString(manifestFile, Json.write(written), StandardCharsets.UTF_8);
            artifacts.add(describe(manifestFile, ArtifactKind.REPORT, Map.of("contentType", "application/json")));
            return new ArtifactManifest(stepId, attempt, dir.toString(), List.copyOf(artifacts),
                    List.copyOf(changedFiles));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write artifacts to " + dir, e);
        }
    }

    /** Writes {@code content} as artifact {@code name} of an attempt, next to its other artifacts. */
    public Artifact write(String stepId, int attempt, String name, ArtifactKind kind, String content) {
        Path file = directory(stepId, attempt).resolve(name);
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return describe(file, kind, Map.of("contentType", "text/plain"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private static Artifact describe(Path file, ArtifactKind kind, Map<String, String> metadata) throws IOException {
        return new Artifact(file.getFileName().toString(), kind, file.toAbsolutePath().toString(),
                Files.size(file), Sha256.of(file), Instant.now(), metadata);
    }

}
