package dev.devgodzilla.worker.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ArtifactKind;
import dev.devgodzilla.contracts.messages.ArtifactManifest;
import dev.devgodzilla.worker.TestWorkerConfig;

class AttemptLogCutTest {
    @TempDir
    Path tmp;

    @Test
    void aLogOverItsLimitIsCutWithAMarkerAndTheManifestSaysHowMuchWasNotKept() throws Exception {
        ArtifactWriter writer = new ArtifactWriter(TestWorkerConfig.of(Map.of(
                "dg.worker.artifact-dir", tmp.toString(), "dg.worker.max-log-bytes", "100")));
        AttemptLog log = writer.openLog("step-cut", 1);
        String line = "x".repeat(39); // 40 bytes with its newline
        assertThat(log.append(line)).isEqualTo(line);
        assertThat(log.append(line)).isEqualTo(line);
        String marker = log.append(line);
        assertThat(marker).startsWith("[log cut at 100 bytes (dg.worker.max-log-bytes)");
        assertThat(log.append("more")).as("after the cut nothing is kept").isNull();
        log.close();

        List<String> kept = Files.readAllLines(log.file());
        assertThat(kept).containsExactly(line, line, marker);
        ArtifactManifest manifest = writer.finish("step-cut", 1, log, "", List.of());
        Artifact logArtifact = manifest.artifacts().stream().filter(a -> a.kind() == ArtifactKind.LOG).findFirst()
                .orElseThrow();
        assertThat(logArtifact.metadata()).containsEntry("cut", "true").containsEntry("limitBytes", "100")
                .containsEntry("notKeptBytes", "45");
        assertThat(logArtifact.sizeBytes()).isEqualTo(Files.size(log.file()));
    }

    @Test
    void aLogWithinItsLimitIsWholeAndNotMarked() {
        ArtifactWriter writer = new ArtifactWriter(TestWorkerConfig.of(Map.of("dg.worker.artifact-dir",
                tmp.toString())));
        AttemptLog log = writer.openLog("step-whole", 1);
        log.append("hello");
        log.close();
        ArtifactManifest manifest = writer.finish("step-whole", 1, log, "", List.of());
        assertThat(manifest.artifacts().getFirst().metadata()).doesNotContainKey("cut");
    }

    @Test
    void theDiffGetsWhatTheLogLeavesOfTheArtifactLimit() {
        ArtifactWriter writer = new ArtifactWriter(TestWorkerConfig.of(Map.of("dg.worker.artifact-dir",
                tmp.toString(), "dg.worker.max-artifact-bytes", Long.toString(3L * 1024 * 1024),
                "dg.worker.max-diff-bytes", Long.toString(50L * 1024 * 1024))));
        AttemptLog log = writer.openLog("step-diff", 1);
        log.append("y".repeat(1023));
        log.close();
        // 3 MiB, less the 1 KiB log and the 1 MiB kept for the manifest
        assertThat(writer.diffLimit(log)).isEqualTo(2L * 1024 * 1024 - 1024);
    }
}
