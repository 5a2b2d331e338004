package dev.devgodzilla.worker.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of a sandbox worker, all under {@code dg.worker}. */
@ConfigMapping(prefix = "dg.worker")
public interface WorkerConfig {

    /** Id this worker reports in heartbeats and events; default {@code <hostname>-<pid>}. */
    Optional<String> id();

    /** Comma-separated job topics this worker consumes, one per agent it can run. */
    @WithDefault("sandbox-jobs.dummy")
    String jobTopics();

    /** How many attempts this worker runs at the same time. */
    @WithDefault("2")
    int capacity();

    /** Where workspaces of jobs without an explicit workspace are made, one directory per step. */
    @WithDefault("${java.io.tmpdir}/dg/workspaces")
    String workspaceRoot();

    /** Where artifacts are written, as {@code <stepId>/attempt-<n>/}. */
    @WithDefault("${java.io.tmpdir}/dg/artifacts")
    String artifactDir();

    /** Where tools shipped inside the worker (the dummy agent) are unpacked; default a fresh temp directory. */
    Optional<String> toolsDir();

    /** How often a heartbeat is published. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /** How often installed agent binaries are looked for again. */
    @WithDefault("5m")
    Duration agentCheckInterval();

    /** Longest wait for {@code <binary> --version} when checking an agent. */
    @WithDefault("5s")
    Duration versionTimeout();

    /** Time between SIGTERM and SIGKILL when a process tree is stopped. */
    @WithDefault("2s")
    Duration killGrace();

    /** How much of the end of an attempt's output travels in its terminal event, in characters. */
    @WithDefault("4096")
    int outputTailChars();

    /** How long log lines are gathered before they are published as one chunk. */
    @WithDefault("250ms")
    Duration logBatchWindow();

    /** How long shutdown waits for running attempts to be stopped and reported. */
    @WithDefault("15s")
    Duration shutdownGrace();
}
