package dev.devgodzilla.worker.way.api;

import java.util.List;

import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.FeedbackAction;

/**
 * How a Jules step ended.
 *
 * @param status          COMPLETED, BLOCKED or FAILED
 * @param sessionId       the session, so a blocked step can be continued (null if none was created)
 * @param state           the session's last state as Jules named it
 * @param finalMessage    the agent's last message
 * @param question        what a blocked session waits for (its last message, or the plan to approve)
 * @param suggestedAction what unblocks a blocked step, else null
 * @param failureCode     why a failed step failed, else null
 * @param reason          the failure reason, else null
 * @param pullRequestUrls pull requests Jules opened
 * @param artifacts       the patches written into the request's artifact directory, with size and sha256
 */
public record JulesOutcome(Status status, String sessionId, String sessionUrl, String state, String finalMessage,
                           String question, FeedbackAction suggestedAction, FailureCode failureCode, String reason,
                           List<String> pullRequestUrls, List<Artifact> artifacts, long durationMs) {

    public enum Status {
        COMPLETED, BLOCKED, FAILED
    }
}
