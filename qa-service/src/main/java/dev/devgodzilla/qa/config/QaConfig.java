package dev.devgodzilla.qa.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;


import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of qa-service. */
@ConfigMapping(prefix = "dg.qa")
public interface QaConfig {

    /** The check run in the workspace when a completed step names none; empty skips the gate. */
    Optional<String> defaultCheckCommand();

    /** How long a check command may run before its whole process tree is killed. */
    @WithDefault("300s")
    Duration timeout();

    /** How many characters of a check's combined output are kept in the gate's detail. */
    @WithDefault("2000")
    int outputTailChars();

    /**
     * Where a step's workspace may be for its check to run (real paths, symlinks followed); a step naming
     * any other place gets an ERROR verdict and nothing runs.
     */
    @WithDefault("${java.io.tmpdir}/dg/workspaces")
    List<String> workspaceRoots();

    /** The sandbox check commands run in. */
    QaSandbox sandbox();

    /** Sandbox settings, under {@code dg.qa.sandbox}. */
    interface QaSandbox {
        /** bwrap (default), docker, podman, auto, or none (checks unsandboxed; only on purpose). */
        @WithDefault("bwrap")
        String backend();

        /** Where the check sandboxes keep their private directories. */
        @WithDefault("${java.io.tmpdir}/dg/qa-sandboxes")
        String stateDir();
    }
}
