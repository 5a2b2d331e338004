package dev.devgodzilla.execution.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.execution.config.ExecutionConfig;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.repository.StepRepository;
import dev.devgodzilla.execution.repository.TimelineRepository;
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
    private final StepRepository steps;
    private final TimelineRepository timeline;
    private final ExecutionConfig config;

    public AttemptClaims(StepRepository steps, TimelineRepository timeline, ExecutionConfig config) {
        this.steps = steps;
        this.timeline = timeline;
        this.config = config;
    }

    /**
     * Gives attempt {@code attempt} of the step to {@code instance}, again if it already has it.
     *
     * @throws StepNotFoundException  no such step
     * @throws ClaimRefusedException  the attempt is not current, not out on a worker, or another process's
     */
    public Uni<Step> claim(String stepId, int attempt, String instance) {
        return steps.lock(stepId).chain(step -> {
            if (step == null) {
                return Uni.createFrom().failure(new StepNotFoundException(stepId));
            }
            if (step.attempt != attempt || !step.isOnWorker()) {
                return refuse(step, "attempt " + attempt + " of step " + stepId + " is not out to run: the current"
                        + " attempt is " + step.attempt + " and the step is " + step.state);
            }
            if (instance.equals(step.claimedBy)) {
                return Uni.createFrom().item(step);
            }
            if (step.claimedBy != null) {
                return refuse(step, "attempt " + attempt + " of step " + stepId + " is already claimed by "
                        + step.claimedBy);
            }
            Instant now = Instant.now();
            step.claimedBy = instance;
            step.waitingOn = null;
            // the claim is a sign of life as good as a heartbeat
            step.leaseExpiresAt = now.plus(config.leaseTtl());
            step.updatedAt = now;
            return timeline.record(stepId, attempt, "claimed", Ids.newEventId(),
                    "attempt " + attempt + " claimed by " + instance, null, now, false).replaceWith(step);
        });
    }

    private Uni<Step> refuse(Step step, String why) {
        Log.infof("step %s: claim refused: %s", step.stepId, why);
        return Uni.createFrom().failure(new ClaimRefusedException(why));
    }
}
