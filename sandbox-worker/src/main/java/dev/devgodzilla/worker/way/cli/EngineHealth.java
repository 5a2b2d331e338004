package dev.devgodzilla.worker.way.cli;

import java.time.Instant;

/**
 * Whether an engine can run here.
 *
 * @param available whether a step for the agent would start
 * @param version   what the agent reported as its version, or null
 * @param reason    why it is not available (with the install hint), or null
 * @param latencyMs how long the check took
 * @param checkedAt when it was checked
 */
public record EngineHealth(boolean available, String version, String reason, long latencyMs, Instant checkedAt) {

    public static EngineHealth up(String version, long latencyMs) {
        return new EngineHealth(true, version, null, latencyMs, Instant.now());
    }

    public static EngineHealth down(String reason, long latencyMs) {
        return new EngineHealth(false, null, reason, latencyMs, Instant.now());
    }
}
