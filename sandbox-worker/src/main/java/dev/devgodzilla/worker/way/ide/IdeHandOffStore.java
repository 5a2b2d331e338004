package dev.devgodzilla.worker.way.ide;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.worker.config.WorkerIdentity;
import dev.devgodzilla.worker.workspace.StepDirectoryName;
import io.quarkus.logging.Log;

/**
 * The IDE hand-offs this worker follows, one small file each under {@code dg.worker.ide.state-dir}, in a
 * directory of the worker's id (so workers sharing a host keep theirs apart, and a restarted worker with the
 * same id finds its own), so that a restarted worker follows them on instead of losing them: what the step's outcome needs (the job, the
 * workspace and its baseline, the command file) and how far it got (handed over, picked up). Written whole and
 * renamed into place, so a file is never read half-written.
 */
@ApplicationScoped
public class IdeHandOffStore {
    private static final String SUFFIX = ".json";

    /** One hand-off as kept on disk. */
    public record Saved(SandboxJob job, String workspaceDir, String gitDir, String baseline, String commandFile,
                        Instant handedOverAt, Instant commandWrittenAt, Instant pickedUpAt) {

        Saved pickedUpAt(Instant at) {
            return new Saved(job, workspaceDir, gitDir, baseline, commandFile, handedOverAt, commandWrittenAt, at);
        }
    }

    private final Path dir;

    @Inject
    public IdeHandOffStore(IdeConfig config, WorkerIdentity identity) {
        this(Path.of(config.stateDir()).resolve(StepDirectoryName.of(identity.workerId())));
    }

    public IdeHandOffStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public void save(Saved handOff) {
        Path file = fileOf(handOff.job().stepId());
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, Json.write(handOff), StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the hand-off still works; only a restart of this worker would lose it
            Log.warnf("step %s: could not keep its IDE hand-off in %s: %s", handOff.job().stepId(), file,
                    e.getMessage());
        }
    }

    public void remove(String stepId) {
        try {
            Files.deleteIfExists(fileOf(stepId));
        } catch (IOException e) {
            Log.warnf("step %s: could not remove its IDE hand-off record: %s", stepId, e.getMessage());
        }
    }

    /** Every hand-off kept; an unreadable record is set aside (renamed) with a warning, never followed. */
    public List<Saved> load() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Saved> saved = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                try {
                    saved.add(Json.read(Files.readString(file, StandardCharsets.UTF_8), Saved.class));
                } catch (IOException | RuntimeException e) {
                    Log.warnf("IDE hand-off record %s is unreadable (%s); set aside as .unreadable", file,
                            e.getMessage());
                    Files.move(file, file.resolveSibling(file.getFileName() + ".unreadable"),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            Log.warnf("could not read the IDE hand-offs in %s: %s", dir, e.getMessage());
        }
        return saved;
    }

    private Path fileOf(String stepId) {
        return dir.resolve(StepDirectoryName.of(stepId) + SUFFIX);
    }
}
