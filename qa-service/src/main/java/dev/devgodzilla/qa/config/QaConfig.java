package dev.devgodzilla.qa.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of qa-service. */
@ConfigMapping(prefix = "dg.qa")
public interface QaConfig {

    /** The check run in the workspace when a completed step names none; empty skips the gate. */
    Optional<String> defaultCheckCommand();

    /** How long a check command may run on its worker before its whole process tree is killed. */
    @WithDefault("300s")
    Duration timeout();

    /**
     * How long past {@link #timeout()} to wait for the worker's answer before the check is an ERROR: the
     * worker may be gone, and its workspace with it.
     */
    @WithDefault("30s")
    Duration answerGrace();

    /**
     * How often an unanswered QA job is sent again, so that a worker restarted after the attempt (which reads
     * {@code qa-jobs} only from its start) still gets it.
     */
    @WithDefault("10s")
    Duration resendEvery();
}
