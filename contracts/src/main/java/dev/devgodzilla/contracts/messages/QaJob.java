package dev.devgodzilla.contracts.messages;

import java.time.Instant;

/**
 * A check command for the worker that holds a completed step's workspace, on {@code qa-jobs}: qa-service
 * decides what to check, the worker runs it in a sandbox (no network, no credentials, its own timeout)
 * and answers with a {@link QaJobResult}. Every worker reads every QA job and runs only its own, because
 * a workspace lives on the worker that ran the step.
 *
 * @param jobId          unique per job; the result names it
 * @param workerId       the worker that ran the attempt ({@link StepCompleted#source()})
 * @param workspace      the attempt's workspace as the worker reported it; the worker confines it again
 * @param command        run with {@code bash -c} in the workspace
 * @param timeoutSeconds how long the check may run before its whole process tree is killed
 */
public record QaJob(
        Integer schemaVersion,
        String jobId,
        Instant occurredAt,
        String stepId,
        int attempt,
        String agentId,
        String workerId,
        String workspace,
        String command,
        long timeoutSeconds) {

    public static final int SCHEMA_VERSION = 1;
}
