package dev.devgodzilla.execution.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of execution-service: defaults of a step, leases and retries. */
@ConfigMapping(prefix = "dg.execution")
public interface ExecutionConfig {

    /** Agent that runs a step whose request names none. */
    @WithDefault("dummy")
    String defaultAgent();

    /** How long a dispatched attempt may wait for a worker to start it before it counts as lost. */
    @WithDefault("10m")
    Duration dispatchTimeout();

    /** How long a running attempt stays alive without a heartbeat. */
    @WithDefault("30s")
    Duration leaseTtl();

    /**
     * How long after a start, or after the database comes back from an outage, no lease is expired: the
     * heartbeats that renew leases could not be applied meanwhile, so an expired lease then says nothing
     * about a worker. At least one heartbeat period plus a margin.
     */
    @WithDefault("15s")
    Duration leaseGrace();

    /** How long a step waits for a dependency that execution-service does not know (it may arrive later). */
    @WithDefault("24h")
    Duration dependencyWait();

    /** Wall-clock limit of an attempt when the request sets none. */
    @WithDefault("300s")
    Duration defaultTimeout();

    /** Upper bound on any attempt's wall-clock limit, whatever the request asks. */
    @WithDefault("3600s")
    Duration maxTimeout();

    /** Longest stretch without agent output before the worker stops the attempt. */
    @WithDefault("120s")
    Duration idleTimeout();

    /** How often expired leases and due retries are looked for (a scheduler {@code every} value). */
    @WithDefault("1s")
    String sweepInterval();

    /** Treat an agent as available while agent-availability has said nothing about it. */
    @WithDefault("false")
    boolean assumeAvailableWhenUnknown();

    /**
     * How long an agent must have been reported unavailable before its steps fail at once; within it
     * (a worker restarting, say) they wait and are retried.
     */
    @WithDefault("60s")
    Duration unavailableGrace();

    /** Retries of retriable failures. */
    Retry retry();

    /** Retry settings. */
    interface Retry {
        /** Wait before another attempt after a retriable failure. */
        @WithDefault("30s")
        Duration backoff();

        /** Attempts a step gets in all, counting the first one. */
        @WithDefault("3")
        int maxAttempts();
    }
}
