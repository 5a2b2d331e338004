package dev.devgodzilla.worker.messaging;

/** Names of this service's messaging channels (see application.properties for their topics). */
public final class Channels {
    /** Incoming jobs, from the {@code sandbox-jobs.<agentId>} topics this worker can run. */
    public static final String SANDBOX_JOBS = "sandbox-jobs";
    public static final String STEP_COMMANDS = "step-commands";
    public static final String STEP_EVENTS = "step-events";
    public static final String STEP_LOGS = "step-logs";
    public static final String WORKER_HEARTBEATS = "worker-heartbeats";
    public static final String QA_JOBS = "qa-jobs";
    public static final String QA_JOB_RESULTS = "qa-job-results";

    /** The service name put in the CloudEvents source of every record. */
    public static final String SOURCE = "sandbox-worker";

    private Channels() {
    }
}
