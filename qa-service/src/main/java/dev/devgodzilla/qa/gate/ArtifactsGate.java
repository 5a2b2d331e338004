package dev.devgodzilla.qa.gate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.Sha256;
import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.contracts.messages.QaGateResult;
import dev.devgodzilla.contracts.messages.QaVerdict;
import dev.devgodzilla.contracts.messages.StepCompleted;

/** Checks that every artifact in the step's manifest exists with the size and sha256 it claims. */
@ApplicationScoped
public class ArtifactsGate implements QaGate {
    public static final String NAME = "artifacts";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public QaGateResult run(StepCompleted step) {
        long start = System.nanoTime();
        ArtifactManifest manifest = step.artifacts();
        if (manifest == null || manifest.artifacts() == null || manifest.artifacts().isEmpty()) {
            return new QaGateResult(NAME, QaVerdict.SKIPPED, null, 0, "no artifact manifest");
        }
        for (Artifact artifact : manifest.artifacts()) {
            String problem = check(artifact, manifest, step.workspace());
            if (problem != null) {
                return new QaGateResult(NAME, QaVerdict.FAILED, null, elapsed(start),
                        "artifact " + artifact.name() + " (" + artifact.path() + "): " + problem);
            }
        }
        return new QaGateResult(NAME, QaVerdict.PASSED, null, elapsed(start),
                manifest.artifacts().size() + " artifact(s) match their size and sha256");
    }

    /** What is wrong with one artifact, or null when it matches. */
    private static String check(Artifact artifact, ArtifactManifest manifest, String workspace) {
        if (artifact.path() == null || artifact.path().isBlank()) {
            return "no path";
        }
        Path file = resolve(artifact.path(), manifest.directory(), workspace);
        if (!Files.isRegularFile(file)) {
            return "missing at " + file;
        }
        try {
            long size = Files.size(file);
            if (size != artifact.sizeBytes()) {
                return "size mismatch: expected " + artifact.sizeBytes() + " bytes, found " + size;
            }
            if (artifact.sha256() != null && !artifact.sha256().isBlank()) {
                String actual = Sha256.of(file);
                if (!actual.equalsIgnoreCase(artifact.sha256())) {
                    return "sha256 mismatch: expected " + artifact.sha256() + ", found " + actual;
                }
            }
            return null;
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** Relative paths are relative to the manifest's directory, else to the workspace. */
    private static Path resolve(String path, String directory, String workspace) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p;
        }
        String base = directory != null ? directory : workspace;
        return base == null ? p : Path.of(base).resolve(p);
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
