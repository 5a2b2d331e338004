package dev.devgodzilla.worker.engine.ide;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of steps handed to IDE agents, under {@code dg.worker.ide}. */
@ConfigMapping(prefix = "dg.worker.ide")
public interface IdeConfig {

    /** How often the result files of pending IDE steps are looked at. */
    @WithDefault("2s")
    Duration pollInterval();

    /** How long a step may wait for its IDE agent before it fails. */
    @WithDefault("24h")
    Duration maxWait();
}
