package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/**
 * One attempt of a step, dispatched by execution-service on {@code sandbox-jobs.<agentId>} and run by
 * a sandbox-worker. Keyed by {@code stepId}; {@code attempt} fences events of stale attempts.
 *
 * @param prompt             the complete prompt the agent receives
 * @param workspace          directory to run in; blank means the worker makes one for the step
 * @param timeoutSeconds     wall-clock limit of this attempt
 * @param idleTimeoutSeconds limit on a stretch with no output
 * @param setupCommand       run before the agent in the setup phase (network on, workspace writable)
 * @param taskType           plan, execute or qa; blank means execute (plan and qa run read-only)
 * @param resumeSessionId    the agent's own session of an earlier attempt, to resume where its CLI can (the
 *                           prompt carries the conversation too, for agents that cannot); null for a fresh run
 * @param budget             what is left of the step's (and its project's) budget for this attempt; null or
 *                           {@link Budget#NONE}: no limit but the timeouts
 */
public record SandboxJob(
        Integer schemaVersion,
        String eventId,
        Instant occurredAt,
        String stepId,
        int attempt,
        String agentId,
        String model,
        String prompt,
        String workspace,
        SandboxMode sandboxMode,
        int timeoutSeconds,
        int idleTimeoutSeconds,
        String projectId,
        String qaCommand,
        String setupCommand,
        String taskType,
        String resumeSessionId,
        Budget budget) {

    public static final int SCHEMA_VERSION = 1;

    /** A job that starts the agent afresh. */
    public SandboxJob(Integer schemaVersion, String eventId, Instant occurredAt, String stepId, int attempt,
                      String agentId, String model, String prompt, String workspace, SandboxMode sandboxMode,
                      int timeoutSeconds, int idleTimeoutSeconds, String projectId, String qaCommand,
                      String setupCommand, String taskType) {
        this(schemaVersion, eventId, occurredAt, stepId, attempt, agentId, model, prompt, workspace, sandboxMode,
                timeoutSeconds, idleTimeoutSeconds, projectId, qaCommand, setupCommand, taskType, null, null);
    }
}
