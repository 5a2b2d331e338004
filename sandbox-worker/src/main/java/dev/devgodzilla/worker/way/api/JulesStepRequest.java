package dev.devgodzilla.worker.way.api;

import java.nio.file.Path;
import java.time.Duration;

import dev.devgodzilla.contracts.messages.SandboxJob;

/**
 * One step for Jules.
 *
 * @param source      the repository the session works on, null for a repoless session
 * @param timeout     wall-clock limit of the whole step, session creation included
 * @param artifactDir where the patches Jules produced are written
 * @param followUp    null to start a new session; else the blocked session to continue
 */
public record JulesStepRequest(String stepId, int attempt, String prompt, String title, JulesSource source,
                               boolean requirePlanApproval, Duration timeout, Path artifactDir,
                               JulesFollowUp followUp) {

    /**
     * How a blocked session goes on: {@code message} is sent to it (the answer to its question) and/or
     * its plan is approved.
     */
    public record JulesFollowUp(String sessionId, String message, boolean approvePlan) {
    }

    /**
     * The request for one attempt of a job: the source is the job's project's from
     * {@code dg.worker.jules.project-sources}, else {@code dg.worker.jules.source}, else none.
     */
    public static JulesStepRequest of(SandboxJob job, JulesConfig config, Path artifactDir) {
        String source = job.projectId() == null ? null : config.projectSources().get(job.projectId());
        if (source == null) {
            source = config.source().orElse(null);
        }
        Duration timeout = job.timeoutSeconds() > 0 ? Duration.ofSeconds(job.timeoutSeconds()) : config.stepTimeout();
        String title = "DevGodzilla step " + job.stepId() + " (attempt " + job.attempt() + ")";
        return new JulesStepRequest(job.stepId(), job.attempt(), job.prompt(), title,
                source == null || source.isBlank() ? null : new JulesSource(source, config.startingBranch()),
                config.requirePlanApproval(), timeout, artifactDir, null);
    }

    /** The same step continuing a blocked session instead of starting a new one. */
    public JulesStepRequest continuing(JulesFollowUp next) {
        return new JulesStepRequest(stepId, attempt, prompt, title, source, requirePlanApproval, timeout, artifactDir,
                next);
    }
}
