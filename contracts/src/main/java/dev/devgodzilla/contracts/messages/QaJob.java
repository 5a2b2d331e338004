package dev.devgodzilla.contracts.messages;

import java.time.Instant;

import dev.devgodzilla.contracts.Sha256;

/**
 * A check command for the worker that holds a completed step's workspace, on {@code qa-jobs}: qa-service
 * decides what to check, the worker runs it in a sandbox (no network, no credentials, its own timeout)
 * and answers with a {@link QaJobResult}. Every worker reads every QA job and runs only its own, because
 * a workspace lives on the worker that ran the step.
 *
 * @param jobId          names the check ({@link #idFor}); the result names it
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

    /**
     * The id of the check of {@code command}, with {@code timeoutSeconds}, on a step's attempt: derived, not drawn,
     * so that the worker which runs a step's own check as soon as its attempt completes and qa-service which asks
     * for that check afterwards name one job, and the first one's result answers the second.
     */
    public static String idFor(String stepId, int attempt, String command, long timeoutSeconds) {
        return "qa-" + Sha256.of(stepId + "\n" + attempt + "\n" + timeoutSeconds + "\n" + command).substring(0, 32);
    }

    /**
     * The check of {@code command} on {@code completed}'s attempt, for the worker that ran it, under the derived id:
     * made so by qa-service when it asks for the check and by the worker that starts it as the attempt completes,
     * which then name one job.
     */
    public static QaJob checkOf(StepCompleted completed, String command, long timeoutSeconds) {
        return new QaJob(SCHEMA_VERSION, idFor(completed.stepId(), completed.attempt(), command, timeoutSeconds),
                Instant.now(), completed.stepId(), completed.attempt(), completed.agentId(), completed.source(),
                completed.workspace(), command, timeoutSeconds);
    }

    /**
     * Whether {@link #jobId} is the one {@link #idFor} gives this job's step, attempt, command and timeout: a job
     * under another's id would take that check's place (its result would answer for the other command).
     */
    public boolean hasDerivedId() {
        return jobId != null && jobId.equals(idFor(stepId, attempt, command, timeoutSeconds));
    }
}
