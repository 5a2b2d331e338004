package dev.devgodzilla.execution.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.execution.config.ExecutionConfig;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.repository.AttemptClaimStatement;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * At most one run per attempt: a worker claims the attempt before its agent starts, and only the first
 * claiming process gets it. A job of the same attempt redelivered to another worker, or to the same worker
 * after a restart (a new process, so a new instance id), is refused, and its agent never starts; if the
 * claiming process dies, the lease expires and the step goes on as a new attempt (at least one run).
 */
@ApplicationScoped
public class AttemptClaims {
    /** The attempt and the process that holds it. */
    public record Claim(String stepId, int attempt, String claimedBy) {
    }

    private final AttemptClaimStatement statement;
    private final ExecutionConfig config;

    public AttemptClaims(AttemptClaimStatement statement, ExecutionConfig config) {
        this.statement = statement;
        this.config = config;
    }

    /**
     * Gives attempt {@code attempt} of the step to {@code instance}, again if it already has it. The claim is a
     * sign of life as good as a heartbeat: it renews the lease.
     *
     * @throws StepNotFoundException  no such step
     * @throws ClaimRefusedException  the attempt is not current, not out on a worker, or another process's
     */
    public Uni<Claim> claim(String stepId, int attempt, String instance) {
        Instant now = Instant.now();
        return statement.claim(stepId, attempt, instance, now.plus(config.leaseTtl()), now, Ids.newEventId(),
                "attempt " + attempt + " claimed by " + instance).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().failure(new StepNotFoundException(stepId));
            }
            AttemptClaimStatement.Found step = found.get();
            if (step.taken() || (instance.equals(step.claimedBy())
                    && step.attempt() == attempt && Step.onWorker(step.state()))) {
                return Uni.createFrom().item(new Claim(stepId, attempt, instance));
            }
            if (step.attempt() != attempt || !Step.onWorker(step.state())) {
                return refuse(stepId, "attempt " + attempt + " of step " + stepId + " is not out to run: the"
                        + " current attempt is " + step.attempt() + " and the step is " + step.state());
            }
            // null: another process claimed it while this claim waited for the row, after this one's snapshot
            return refuse(stepId, "attempt " + attempt + " of step " + stepId + " is already claimed by "
                    + (step.claimedBy() != null ? step.claimedBy() : "another process"));
        });
    }

    private static <T> Uni<T> refuse(String stepId, String why) {
        Log.infof("step %s: claim refused: %s", stepId, why);
        return Uni.createFrom().failure(new ClaimRefusedException(why));
    }
}
