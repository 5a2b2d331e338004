package dev.devgodzilla.worker.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.devgodzilla.worker.TestWorkerConfig;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.dispatch.RunningAttempts;
import dev.devgodzilla.worker.dispatch.RunningAttemptsAccess;
import dev.devgodzilla.worker.workspace.StepDirectoryName;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class DiskRetentionTest {
    @TempDir
    Path tmp;

    @Test
    void theSweepRemovesWhatNothingTouchedForTheRetentionKeepsTheRestAndMeasuresIt() throws Exception {
        WorkerConfig config = config();
        Path artifacts = Path.of(config.artifactDir());
        Path workspaces = Path.of(config.workspaceRoot());
        Path oldArtifacts = stepDir(artifacts, "old-step", 300, Duration.ofDays(31));
        Path oldWorkspace = stepDir(workspaces, "old-step", 700, Duration.ofDays(31));
        // an agent left a read-only directory behind, and a link out of its workspace
        Path readOnly = Files.createDirectories(oldWorkspace.resolve("locked"));
        Files.writeString(readOnly.resolve("kept.txt"), "x");
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "not the workspace's");
        Path link = Files.createSymbolicLink(oldWorkspace.resolve("link"), outside);
        FileTime monthAgo = FileTime.from(Instant.now().minus(Duration.ofDays(31)));
        Files.getFileAttributeView(link, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(monthAgo, null, null);
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
        age(oldWorkspace, Duration.ofDays(31));
        age(readOnly, Duration.ofDays(31));
        Path recent = stepDir(artifacts, "recent-step", 50, Duration.ofDays(2));
        Path runningOld = stepDir(workspaces, "running-step", 20, Duration.ofDays(40));

        RunningAttempts running = new RunningAttempts(config);
        RunningAttemptsAccess.running(running, "running-step", 1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DiskRetention retention = new DiskRetention(config, running, registry);
        retention.sweep();

        assertThat(oldArtifacts).doesNotExist();
        assertThat(oldWorkspace).doesNotExist();
        assertThat(outside).as("a link is removed, never what it points at").hasContent("not the workspace's");
        assertThat(recent).isDirectory();
        assertThat(runningOld).as("a step running here keeps its workspace").isDirectory();
        assertThat(registry.get("dg.worker.disk.used.bytes").tag("area", "artifacts").gauge().value())
                .isEqualTo(50);
        assertThat(registry.get("dg.worker.disk.used.bytes").tag("area", "workspaces").gauge().value())
                .isEqualTo(20);
    }

    @Test
    void aFinishedStepsWorkspaceIsRemovedOnRequestAndARunningOnesIsNot() throws Exception {
        WorkerConfig config = config();
        Path done = stepDir(Path.of(config.workspaceRoot()), "done-step", 10, Duration.ZERO);
        Path busy = stepDir(Path.of(config.workspaceRoot()), "busy-step", 10, Duration.ZERO);
        RunningAttempts running = new RunningAttempts(config);
        RunningAttemptsAccess.running(running, "busy-step", 2);
        DiskRetention retention = new DiskRetention(config, running, new SimpleMeterRegistry());

        assertThat(retention.removeWorkspace("done-step")).isTrue();
        assertThat(done).doesNotExist();
        assertThat(retention.removeWorkspace("busy-step")).isFalse();
        assertThat(busy).isDirectory();
        assertThat(retention.removeWorkspace("never-here")).isFalse();
    }

    private WorkerConfig config() {
        return TestWorkerConfig.of(Map.of("dg.worker.artifact-dir", tmp.resolve("artifacts").toString(),
                "dg.worker.workspace-root", tmp.resolve("workspaces").toString(), "dg.worker.retention", "30d"));
    }

    private static Path stepDir(Path root, String stepId, int bytes, Duration age) throws Exception {
        Path dir = Files.createDirectories(root.resolve(StepDirectoryName.of(stepId)));
        Path file = Files.write(dir.resolve("file.bin"), new byte[bytes]);
        age(file, age);
        age(dir, age);
        return dir;
    }

    private static void age(Path path, Duration age) throws Exception {
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(age)));
    }
}
