package dev.devgodzilla.worker.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;


import dev.devgodzilla.contracts.messages.SandboxMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of a sandbox worker, all under {@code dg.worker}. */
@ConfigMapping(prefix = "dg.worker")
public interface WorkerConfig {

    /** Id this worker reports in heartbeats and events; default {@code <hostname>-<pid>}. */
    Optional<String> id();

    /**
     * The job topics this worker consumes, one per agent it can run: {@code auto} (the default) for those of
     * the agents it finds at start, or a comma-separated list.
     */
    @WithDefault("auto")
    String jobTopics();

    /** The job topics the worker does consume, as worked out at start from {@link #jobTopics()}. */
    List<String> consumedJobTopics();

    /** How many attempts this worker runs at the same time. */
    @WithDefault("2")
    int capacity();

    /** Where workspaces of jobs without an explicit workspace are made, one directory per step. */
    @WithDefault("${java.io.tmpdir}/dg/workspaces")
    String workspaceRoot();

    /**
     * Where a job may name a workspace of its own (real paths, symlinks followed); empty: jobs run only in
     * per-step workspaces under {@link #workspaceRoot()}.
     */
    Optional<List<String>> workspaceRoots();

    /**
     * The worker's own git directories, one per workspace, holding its baselines; never inside a
     * workspace root and never visible to a sandbox, so nothing an agent writes chooses what git runs.
     */
    @WithDefault("${java.io.tmpdir}/dg/git")
    String gitDir();

    /** Where artifacts are written, as {@code <stepId>/attempt-<n>/}. */
    @WithDefault("${java.io.tmpdir}/dg/artifacts")
    String artifactDir();

    /**
     * Largest diff artifact of an attempt, in bytes (default 50 MiB): git's patch is streamed to it and cut
     * there, the changed files are still listed whole in the manifest.
     */
    @WithDefault("52428800")
    long maxDiffBytes();

    /**
     * Largest output log of an attempt, in bytes (default 10 MiB): past it the log and {@code step-logs} get
     * one line saying where it was cut, and the manifest says how many bytes were not kept.
     */
    @WithDefault("10485760")
    long maxLogBytes();

    /** Largest total of an attempt's artifacts, in bytes (default 100 MiB): the diff is cut to fit in it. */
    @WithDefault("104857600")
    long maxArtifactBytes();

    /** How long the artifacts and per-step workspaces of a step nothing has touched are kept (default 30 days). */
    @WithDefault("30d")
    Duration retention();

    /** How often old artifacts and workspaces are looked for, and the disk they use measured. */
    @WithDefault("10m")
    Duration retentionSweep();

    /**
     * How long an ended attempt stays in the heartbeats after its terminal event was sent: execution-service
     * may read that event late (after a restart or a broker outage its consumers rejoin first), and until it
     * does, the lease must not run out as if the worker had died.
     */
    @WithDefault("60s")
    Duration endedAttemptLinger();

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

    /** Per agent, the credentials handed to its runs as environment variables: {@code credentials.<agent>.<VAR>}. */
    Map<String, Map<String, String>> credentials();

    /**
     * Extra directories holding agent binaries (e.g. {@code .dg/agents/node_modules/.bin}), searched before
     * PATH. Each is made visible read-only inside sandboxes together with its install prefix.
     */
    Optional<List<String>> agentPaths();

    /** How an attempt is claimed at execution-service before its agent starts, under {@code dg.worker.claim}. */
    ClaimSettings claim();

    /** Settings of attempt claims. */
    interface ClaimSettings {
        /**
         * Off only where no execution-service answers (a worker tested on its own): a redelivered job could
         * then run its attempt's agent a second time.
         */
        @WithDefault("true")
        boolean enabled();

        /** execution-service's base URL. */
        @WithDefault("http://localhost:8080")
        String executionUrl();

        /** The API token sent with each claim (a token of execution-service's {@code dg.auth.tokens}). */
        Optional<String> apiToken();

        /** How long a claim is retried while execution-service does not answer; then the job is dropped. */
        @WithDefault("30s")
        Duration timeout();
    }

    /** QA checks this worker runs for the steps it ran, under {@code dg.worker.qa}. */
    QaSettings qa();

    /** Settings of QA checks. */
    interface QaSettings {
        /** How many checks run at the same time, beside the attempts. */
        @WithDefault("2")
        int concurrency();

        /** The longest a check may run, whatever its job asks for. */
        @WithDefault("30m")
        Duration maxTimeout();

        /**
         * Whether a step's own check command runs as soon as its attempt completes here, in a sandbox of its own
         * once the attempt's has closed, rather than when qa-service's job for it arrives: the job then finds its
         * answer waiting (both name the check by the same derived id), which saves it a round trip on the bus.
         */
        @WithDefault("true")
        boolean checkOnCompletion();

        /**
         * The timeout of a check run on completion; qa-service uses its answer where its own {@code dg.qa.timeout}
         * is the same (the id names the timeout), and sends its job as before where it is not.
         */
        @WithDefault("300s")
        Duration timeout();
    }

    /** Per agent settings: {@code agents.<agent>.base-url}. */
    Map<String, AgentSettings> agents();

    /** Settings of one agent, under {@code dg.worker.agents.<agent>}. */
    interface AgentSettings {
        /**
         * The model endpoint exactly as the agent's CLI expects it (with {@code /v1} for OpenAI-style
         * endpoints, the bare root for Anthropic and Gemini); absent means the vendor's own.
         */
        Optional<String> baseUrl();
    }

    /** How agent runs are isolated. */
    SandboxSettings sandbox();

    /** Sandbox settings, under {@code dg.worker.sandbox}. */
    interface SandboxSettings {
        /** bwrap (default), docker, podman, auto, or none (no isolation; only on purpose, with a warning). */
        @WithDefault("bwrap")
        String backend();

        /** The most a step may ask for; a step asking for more fails with POLICY_REJECTED. */
        @WithDefault("NETWORK_RESTRICTED")
        SandboxMode maxMode();

        /** The mode of steps that ask for none. */
        @WithDefault("WORKSPACE_WRITE")
        SandboxMode defaultMode();

        /** Wall-clock limit of a step's setup phase (dependency installs, clones). */
        @WithDefault("10m")
        Duration setupTimeout();

        /** Per agent, comma-separated {@code host[:port]} patterns its runs may reach (its model API). */
        Map<String, String> egress();

        /**
         * The {@code host[:port]} patterns a step's setup command may reach through its own proxy; default the
         * public package registries. Never the agent's model API: the setup phase has no credentials.
         */
        Optional<List<String>> setupEgress();

        /** Host paths made visible read-only inside sandboxes besides the system dirs (agent installs). */
        Optional<List<String>> readOnlyPaths();

        /** Where sandboxes keep their private directories. */
        @WithDefault("${java.io.tmpdir}/dg/sandboxes")
        String stateDir();

        /**
         * Memory of a whole sandbox, in MiB (a memory cgroup); where the worker cannot create cgroups, the
         * address-space limit of each process instead, which node's WebAssembly reservations exceed. 0 for none.
         */
        @WithDefault("8192")
        long memoryMib();

        /** Processes a sandbox may hold at once. */
        @WithDefault("512")
        int maxProcesses();

        /**
         * Open files per process; 0 keeps the worker's own limit. Off by default: it is the only limit that
         * needs an extra exec (prlimit) per process, about 1 ms of each start, while memory and process count
         * are bounded by cgroups without one.
         */
        @WithDefault("0")
        int maxOpenFiles();

        /** CPU seconds per process; 0 for none. */
        @WithDefault("0")
        long cpuSeconds();

        /** Output a run may print before it is stopped, in MiB. */
        @WithDefault("64")
        long maxOutputMib();
    }
}
