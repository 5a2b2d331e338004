package dev.devgodzilla.sandbox;

import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.sandbox.backend.NoSandboxBackend;
import dev.devgodzilla.sandbox.limits.SandboxCgroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SandboxManagerTest {

    @TempDir
    Path tmp;

    private SandboxConfig config() {
        return SandboxConfig.defaults().withStateDir(tmp.resolve("state"));
    }

    @Test
    void cgroupsLeftByAWorkerThatIsGoneAreRemovedAtStart() throws Exception {
        Optional<Path> home = SandboxCgroup.writableHome(Path.of("/sys/fs/cgroup"), "pids");
        assumeTrue(home.isPresent(), "no writable pids cgroup here");
        // pids never go this high (the kernel's maximum is 4194304): its worker is certainly gone
        Path stale = Files.createDirectory(home.get().resolve("devgodzilla-999999999-feedface"));
        Path ours = Files.createDirectory(home.get().resolve("devgodzilla-" + ProcessHandle.current().pid() + "-cafe"));
        try (SandboxManager manager = new SandboxManager(config())) {
            assertThat(stale).doesNotExist();
            assertThat(ours).as("a running worker's group stays").isDirectory();
        } finally {
            Files.deleteIfExists(stale);
            Files.deleteIfExists(ours);
        }
    }

    @Test
    void whatStillRunsInTheGroupOfAWorkerThatIsGoneIsKilledAtStart() throws Exception {
        Optional<Path> home = SandboxCgroup.writableHome(Path.of("/sys/fs/cgroup"), "pids");
        assumeTrue(home.isPresent(), "no writable pids cgroup here");
        // a sandbox left running by a worker killed while launching it, as bwrap's parent-death race allows
        Path stale = Files.createDirectory(home.get().resolve("devgodzilla-999999998-0dd5a7b0"));
        Process orphan = new ProcessBuilder("sleep", "3000").start();
        try {
            Files.writeString(stale.resolve("cgroup.procs"), Long.toString(orphan.pid()));
            try (SandboxManager manager = new SandboxManager(config())) {
                assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).as("the orphan was killed").isTrue();
                assertThat(stale).doesNotExist();
            }
        } finally {
            orphan.destroyForcibly();
            orphan.waitFor();
            Files.deleteIfExists(stale);
        }
    }

    @Test
    void modeAboveThePolicyMaximumIsRefused() {
        try (SandboxManager manager = new SandboxManager(config().withMaxMode(SandboxMode.WORKSPACE_WRITE))) {
            assertThatThrownBy(() -> manager.open(SandboxSpec.of("step-1", tmp, SandboxMode.FULL_ACCESS)))
                    .isInstanceOf(SandboxPolicyException.class)
                    .hasMessageContaining("FULL_ACCESS").hasMessageContaining("WORKSPACE_WRITE");
            assertThat(manager.openSandboxes()).isZero();
        }
    }

    @Test
    void missingBackendBinaryMakesTheManagerRefuse() {
        try (SandboxManager manager = new SandboxManager(config().withBwrap(Path.of("/nonexistent/bwrap")))) {
            assertThat(manager.status().backend()).isEqualTo("bwrap");
            assertThat(manager.status().available()).isFalse();
            assertThat(manager.status().reason()).contains("/nonexistent/bwrap");
            assertThat(manager.warnings()).anyMatch(w -> w.contains("not usable"));
            assertThatThrownBy(() -> manager.open(SandboxSpec.of("step-1", tmp, SandboxMode.READ_ONLY)))
                    .isInstanceOf(SandboxUnavailableException.class).hasMessageContaining("unsandboxed");
        }
    }

    @Test
    void missingContainerEngineMakesTheManagerRefuse() {
        SandboxConfig cfg = config().withBackend(BackendKind.DOCKER).withContainerClients("/nonexistent/docker",
                "/nonexistent/podman");
        try (SandboxManager manager = new SandboxManager(cfg)) {
            assertThat(manager.status().available()).isFalse();
            assertThatThrownBy(() -> manager.open(SandboxSpec.of("step-1", tmp, SandboxMode.READ_ONLY)))
                    .isInstanceOf(SandboxUnavailableException.class);
        }
    }

    @Test
    void autoPicksBubblewrapWhenItWorks() {
        try (SandboxManager manager = new SandboxManager(config().withBackend(BackendKind.AUTO))) {
            assertThat(manager.status().backend()).isIn("bwrap", "docker", "podman", "auto");
            assertThat(manager.status().backend()).isNotEqualTo("none");
        }
    }

    @Test
    void noneBackendWarnsButRuns() {
        try (SandboxManager manager = new SandboxManager(config().withBackend(BackendKind.NONE)
                .withMaxMode(SandboxMode.FULL_ACCESS))) {
            assertThat(manager.status()).isEqualTo(new SandboxStatus("none", true,
                    "no isolation (configured explicitly)"));
            assertThat(manager.warnings()).contains(NoSandboxBackend.WARNING);

            Path ws = tmp.resolve("ws");
            ws.toFile().mkdirs();
            try (Sandbox sandbox = manager.open(SandboxSpec.of("step-1", ws, SandboxMode.WORKSPACE_WRITE))) {
                ExecResult r = sandbox.run(List.of("/bin/sh", "-c", "echo $HOME; pwd"), Map.of(),
                        Duration.ofSeconds(10));
                assertThat(r.stdout()).contains(sandbox.privateDir().resolve("home").toString());
            }
            assertThat(manager.openSandboxes()).isZero();
        }
    }
}
