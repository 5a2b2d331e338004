package dev.devgodzilla.qa.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

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
}
