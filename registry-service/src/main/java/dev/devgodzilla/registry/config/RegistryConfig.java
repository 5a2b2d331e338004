package dev.devgodzilla.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of registry-service. */
@ConfigMapping(prefix = "dg.registry")
public interface RegistryConfig {

    /** How long after its last heartbeat a worker still counts as live. */
    @WithDefault("15s")
    Duration workerTtl();

    /** How often dead workers are expired and availability changes are published. */
    @WithDefault("2s")
    Duration sweepInterval();

    /** How often every agent's configuration is announced again on agent-config (the first soon after start). */
    @WithDefault("60s")
    Duration configAnnounceInterval();

    /** How long a dead worker's row is kept (for diagnosis) before it is deleted. */
    @WithDefault("1h")
    Duration forgetAfter();
}
