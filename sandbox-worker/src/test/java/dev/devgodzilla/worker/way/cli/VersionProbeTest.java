package dev.devgodzilla.worker.way.cli;

import static org.assertj.core.api.Assertions.assertThat;


import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import dev.devgodzilla.sandbox.SandboxConfig;
import dev.devgodzilla.sandbox.SandboxManager;

/** An agent binary asked for its version runs in a sandbox of its own, as every run of an agent does. */
class VersionProbeTest {
    @TempDir
    Path dir;

    private SandboxManager sandboxes;
    private Path bin;

    @BeforeEach
    void sandboxes() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        sandboxes = new SandboxManager(SandboxConfig.defaults().withStateDir(dir.resolve("sandboxes"))
                .withExtraReadOnlyPaths(List.of(bin)));
    }

    @AfterEach
    void close() {
        sandboxes.close();
    }

    @Test
    void theVersionIsAskedForInASandboxThatTheBinaryCannotLeave() throws Exception {
        // a binary that would leave a mark on the host, and next to itself, if it could
        Path hostMarker = Path.of(System.getProperty("java.io.tmpdir"), "dg-probe-" + UUID.randomUUID());
        Path agent = executable("agent", "#!/bin/sh\necho \"agent 2.3.4\"\ntouch " + hostMarker + " 2>/dev/null\n"
                + "touch \"$0.ran\" 2>/dev/null\nexit 0\n");

        assertThat(new VersionProbe(sandboxes, Duration.ofSeconds(10)).version(agent)).contains("agent 2.3.4");
        assertThat(hostMarker).doesNotExist();
        assertThat(bin.resolve("agent.ran")).doesNotExist();
    }

    @Test
    void aBinaryThatFailsOrHangsHasNoVersion() throws Exception {
        Path failing = executable("failing", "#!/bin/sh\necho broken\nexit 3\n");
        Path hanging = executable("hanging", "#!/bin/sh\nsleep 30\n");

        VersionProbe probe = new VersionProbe(sandboxes, Duration.ofSeconds(1));
        assertThat(probe.version(failing)).isEmpty();
        long start = System.nanoTime();
        assertThat(probe.version(hanging)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    private Path executable(String name, String script) throws Exception {
        Path file = bin.resolve(name);
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
