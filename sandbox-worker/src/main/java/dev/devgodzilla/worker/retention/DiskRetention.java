package dev.devgodzilla.worker.retention;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.StepRequestValidator;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.dispatch.RunningAttempts;
import dev.devgodzilla.worker.workspace.StepDirectoryName;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps this worker's disk in bounds: the artifacts and per-step workspaces of a step that nothing touched
 * for {@code dg.worker.retention} are removed by a sweep every {@code dg.worker.retention-sweep}, which also
 * measures what they use ({@code dg_worker_disk_used_bytes{area=artifacts|workspaces}}). A step's workspace
 * can also be removed on request once the step is finished. Nothing of a step running here is touched.
 */
@ApplicationScoped
public class DiskRetention {
    public static final String ARTIFACTS = "artifacts";
    public static final String WORKSPACES = "workspaces";

    private final Map<String, Path> areas;
    private final Duration retention;
    private final RunningAttempts running;
    private final Map<String, AtomicLong> used = new ConcurrentHashMap<>();

    public DiskRetention(WorkerConfig config, RunningAttempts running, MeterRegistry registry) {
        this.areas = Map.of(ARTIFACTS, Path.of(config.artifactDir()).toAbsolutePath().normalize(),
                WORKSPACES, Path.of(config.workspaceRoot()).toAbsolutePath().normalize());
        this.retention = config.retention();
        this.running = running;
        areas.keySet().forEach(area -> Gauge.builder("dg.worker.disk.used.bytes",
                        used.computeIfAbsent(area, a -> new AtomicLong()), AtomicLong::get)
                .description("Bytes of files in this worker's " + area + " (measured by the retention sweep)")
                .baseUnit("bytes").tag("area", area).register(registry));
    }

    @Scheduled(every = "${dg.worker.retention-sweep}", delay = 5, delayUnit = TimeUnit.SECONDS,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant before = Instant.now().minus(retention);
        areas.forEach((area, root) -> {
            long total = 0;
            for (Path dir : stepDirectories(root)) {
                try {
                    if (!busy(dir) && DirectoryTrees.lastChanged(dir).toInstant().isBefore(before)) {
                        long freed = DirectoryTrees.remove(dir);
                        Log.infof("removed %s %s, untouched for more than %s (%d bytes)", area, dir, retention, freed);
                    } else {
                        total += DirectoryTrees.size(dir);
                    }
                } catch (IOException | RuntimeException e) {
                    Log.warnf("retention: could not look at or remove %s: %s", dir, e.getMessage());
                }
            }
            used.get(area).set(total);
        });
    }

    /**
     * Removes the per-step workspace of {@code stepId} (which execution-service says is finished); returns
     * whether there was one here. A step running here keeps it.
     */
    public boolean removeWorkspace(String stepId) throws IOException {
        Path dir = areas.get(WORKSPACES).resolve(StepDirectoryName.of(stepId));
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (busy(dir)) {
            Log.warnf("step %s: its workspace is not removed, an attempt of it runs here", stepId);
            return false;
        }
        long freed = DirectoryTrees.remove(dir);
        Log.infof("step %s: workspace %s removed on request (%d bytes)", stepId, dir, freed);
        return true;
    }

    /** Whether an attempt running here works in {@code dir}: its step's own, or one it continues ({@code step:<id>}). */
    private boolean busy(Path dir) {
        String name = dir.getFileName().toString();
        return running.all().stream().anyMatch(a -> {
            String continued = StepRequestValidator.workspaceStep(a.job().workspace());
            return StepDirectoryName.of(continued != null ? continued : a.job().stepId()).equals(name);
        });
    }

    private static List<Path> stepDirectories(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)).toList();
        } catch (IOException e) {
            Log.warnf("retention: could not list %s: %s", root, e.getMessage());
            return List.of();
        }
    }
}
