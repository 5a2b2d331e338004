package dev.devgodzilla.execution.service;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.messages.AgentAvailability;
import dev.devgodzilla.contracts.messages.Budget;
import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepRequestValidator;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.config.ExecutionConfig;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.repository.OutboxRepository;
import dev.devgodzilla.execution.repository.StepRepository;
import dev.devgodzilla.execution.repository.TimelineRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The transitions every path shares: resolve a step to a dispatch, a wait or a failure; dispatch an
 * attempt; schedule a retry; finish. Callers hold the step's row lock inside a transaction, and any
 * record for the bus goes to the outbox in that same transaction.
 */
@ApplicationScoped
public class StepTransitions {
    public static final String SOURCE = "execution-service";

    private final ExecutionConfig config;
    private final OutboxRepository outbox;
    private final TimelineRepository timeline;
    private final AgentAvailabilityView availability;
    private final StepMetrics metrics;
    private final ProjectAgentConfigView agents;
    private final StepBudgets budgets;
    private final StepRepository steps;

    public StepTransitions(ExecutionConfig config, OutboxRepository outbox, TimelineRepository timeline,
                           AgentAvailabilityView availability, StepMetrics metrics, ProjectAgentConfigView agents,
                           StepBudgets budgets, StepRepository steps) {
        this.config = config;
        this.steps = steps;
        this.budgets = budgets;
        this.agents = agents;
        this.outbox = outbox;
        this.timeline = timeline;
        this.availability = availability;
        this.metrics = metrics;
    }

    /** Decides what happens to a step that is not on a worker: dispatch it, wait for its agent, or fail it. */
    public Uni<Void> resolve(Step step) {
        AgentMetadata agent = agentOf(step).orElse(null);
        if (agent == null) {
            String known = AgentCatalog.all().stream().map(AgentMetadata::id).collect(Collectors.joining(", "));
            return failByService(step, FailureCode.AGENT_NOT_FOUND,
                    "unknown agent '" + step.agentId + "'; known agents: " + known);
        }
        if (!agent.settings().isEnabled()) {
            boolean byProject = agents.projectSets(step.agentId, step.projectId, "enabled");
            return failByService(step, FailureCode.POLICY_REJECTED, byProject
                    ? "agent '" + step.agentId + "' is not allowed in project '" + step.projectId + "'; allow it with"
                    + " `./dg agent config set " + step.agentId + " --project " + step.projectId + " enabled=true`"
                    : "agent '" + step.agentId + "' is disabled in its configuration; enable it with `./dg agent"
                    + " config set " + step.agentId + " enabled=true` (PUT /agents/" + step.agentId + "/config on"
                    + " registry-service)");
        }
        SandboxMode max = agent.settings().maxMode();
        // the request is read only where there is a maximum to hold it to (resolving is on every step's way)
        SandboxMode asked = max == null ? null : Json.read(step.request, StepRequest.class).sandboxMode();
        if (asked != null && asked.compareTo(max) > 0) {
            return failByService(step, FailureCode.POLICY_REJECTED, "sandbox mode " + asked + " is above " + max
                    + ", the most agent '" + step.agentId + "' may run with" + (agents.projectSets(step.agentId,
                    step.projectId, "maxMode") ? " in project '" + step.projectId + "'" : "")
                    + "; ask for " + max + " or less");
        }
        if (!availability.isAvailable(step.agentId)) {
            step.availabilityChecks++;
            Optional<AgentAvailability> known = availability.get(step.agentId);
            String why = known.map(AgentAvailability::reason).filter(r -> !r.isBlank())
                    .orElse("no worker reports it");
            if (known.isPresent() && unavailableForLong(known.get())) {
                // no worker has had the agent for a while: say so now instead of after every retry
                return failByService(step, FailureCode.AGENT_UNAVAILABLE, "agent '" + step.agentId
                        + "' is not available on any worker (" + why + "); " + agent.installHint());
            }
            if (step.availabilityChecks < config.retry().maxAttempts()) {
                return waitForRetry(step, FailureCode.AGENT_UNAVAILABLE, "agent '" + step.agentId
                        + "' is not available (" + why + "); checking again in "
                        + config.retry().backoff().toSeconds() + "s");
            }
            return failByService(step, FailureCode.AGENT_UNAVAILABLE, "agent '" + step.agentId
                    + "' is not available on any worker after " + step.availabilityChecks + " checks (" + why
                    + "); " + agent.installHint());
        }
        return dispatch(step, agent);
    }

    private boolean unavailableForLong(AgentAvailability availability) {
        return availability.occurredAt() != null
                && availability.occurredAt().plus(config.unavailableGrace()).isBefore(Instant.now());
    }

    /**
     * Sends attempt n+1 to the agent's job topic, through the outbox, with a lease until a worker starts it and
     * what is left of its budget; a step with nothing left of it fails BUDGET_EXCEEDED instead.
     */
    public Uni<Void> dispatch(Step step, AgentMetadata agent) {
        StepRequest request = Json.read(step.request, StepRequest.class);
        return sharedWorkspaceRefusal(step, request).chain(refused -> refused != null
                ? failByService(step, FailureCode.POLICY_REJECTED, refused)
                : budgets.left(step, agent).chain(left -> left.exhausted() != null
                ? failByService(step, FailureCode.BUDGET_EXCEEDED, left.exhausted())
                : send(step, request, agent, left.budget())));
    }

    /**
     * Why the step may not continue in the workspace of the step it names ({@code step:<id>}), or null: that step
     * must be known and of the same project, so a request cannot reach into another project's work.
     */
    private Uni<String> sharedWorkspaceRefusal(Step step, StepRequest request) {
        String shared = StepRequestValidator.workspaceStep(request.workspace());
        if (shared == null) {
            return Uni.createFrom().nullItem();
        }
        return steps.findById(shared).map(other -> other == null ? "the workspace of step " + shared
                + " it names is not known here"
                : !Objects.equals(other.projectId, step.projectId) ? "the workspace of step " + shared
                + " belongs to " + (other.projectId == null ? "no project" : "project " + other.projectId)
                + ", not to this step's " + (step.projectId == null ? "(none)" : step.projectId)
                : null);
    }

    private Uni<Void> send(Step step, StepRequest request, AgentMetadata agent, Budget budget) {
        Instant now = Instant.now();
        step.attempt++;
        step.state = StepState.DISPATCHED;
        step.leaseExpiresAt = now.plus(config.dispatchTimeout());
        step.claimedBy = null;
        step.waitingOn = null;
        step.heldQaResult = null;
        step.nextAttemptAt = null;
        step.failureCode = null;
        step.reason = null;
        step.updatedAt = now;
        SandboxJob job = new SandboxJob(SandboxJob.SCHEMA_VERSION, Ids.newEventId(), now, step.stepId, step.attempt,
                step.agentId, step.model != null ? step.model : agent.defaultModel(),
                step.prompt != null ? step.prompt : PromptBuilder.build(request),
                request.workspace(), sandboxMode(step, request, agent), timeoutSeconds(request, agent),
                idleTimeoutSeconds(agent), request.projectId(), request.qaCommand(),
                request.setupCommand(), request.taskType(), step.resumeSessionId, budget.isEmpty() ? null : budget);
        String topic = Topics.jobsFor(step.agentId);
        metrics.dispatched(step);
        Log.infof("step %s: dispatching attempt %d on %s", step.stepId, step.attempt, topic);
        return outbox.add(topic, step.stepId, job)
                .chain(() -> timeline.record(step.stepId, step.attempt, "dispatched", job.eventId(),
                        "attempt " + step.attempt + " dispatched on " + topic, null, now, false))
                .replaceWithVoid();
    }

    /** Parks the step until {@code nextAttemptAt}; the sweeper resolves it again then. */
    public Uni<Void> waitForRetry(Step step, FailureCode code, String reason) {
        Instant now = Instant.now();
        step.state = StepState.RECEIVED;
        step.leaseExpiresAt = null;
        step.nextAttemptAt = now.plus(backoff(step));
        step.failureCode = code;
        step.reason = reason;
        step.updatedAt = now;
        Log.infof("step %s: retry at %s: %s", step.stepId, step.nextAttemptAt, reason);
        return timeline.record(step.stepId, step.attempt, "retry-scheduled", Ids.newEventId(),
                code + ": " + reason, null, now, false).replaceWithVoid();
    }

    /** Ends the step in failure and announces it with a StepFailed on step-events (through the outbox). */
    public Uni<Void> failByService(Step step, FailureCode code, String reason) {
        finish(step, stateFor(code), code, reason);
        StepFailed event = new StepFailed(StepEvent.SCHEMA_VERSION, Ids.newEventId(), Instant.now(), step.stepId,
                step.attempt, step.agentId, SOURCE, code, reason, null, 0, null, null, null);
        Log.warnf("step %s failed: %s: %s", step.stepId, code, reason);
        // Recorded under the event's id, so the copy that comes back on step-events is a duplicate.
        return outbox.add(Topics.STEP_EVENTS, step.stepId, event)
                .chain(() -> timeline.record(step.stepId, step.attempt, "failed", event.eventId(),
                        code + ": " + reason, Json.write(event), event.occurredAt(), false))
                .replaceWithVoid();
    }

    /** Puts the step in a state no worker runs again, and counts the outcome. */
    public void finish(Step step, StepState state, FailureCode code, String reason) {
        step.state = state;
        step.failureCode = code;
        step.reason = reason;
        step.leaseExpiresAt = null;
        step.nextAttemptAt = null;
        step.updatedAt = Instant.now();
        metrics.outcome(step, state.name().toLowerCase(Locale.ROOT));
    }

    public static StepState stateFor(FailureCode code) {
        return switch (code) {
            case TIMED_OUT, IDLE_TIMEOUT -> StepState.TIMED_OUT;
            case CANCELLED -> StepState.CANCELLED;
            default -> StepState.FAILED;
        };
    }

    /** The step's agent, with its project's configuration of it applied. */
    public Optional<AgentMetadata> agentOf(Step step) {
        return agents.agent(step.agentId, step.projectId);
    }

    /**
     * The request's mode, else its project's default for the agent; else none, so the worker applies the agent's
     * default within its own maximum.
     */
    private SandboxMode sandboxMode(Step step, StepRequest request, AgentMetadata agent) {
        if (request.sandboxMode() != null) {
            return request.sandboxMode();
        }
        return agents.projectSets(step.agentId, step.projectId, "defaultMode") ? agent.settings().defaultMode() : null;
    }

    /** The request's limit, else the agent configuration's, else the default; never above the maximum. */
    private int timeoutSeconds(StepRequest request, AgentMetadata agent) {
        Integer configured = agent.settings().timeoutSeconds();
        long asked = request.timeoutSeconds() != null ? request.timeoutSeconds()
                : configured != null ? configured : config.defaultTimeout().toSeconds();
        return (int) Math.min(asked, config.maxTimeout().toSeconds());
    }

    private int idleTimeoutSeconds(AgentMetadata agent) {
        Integer configured = agent.settings().idleTimeoutSeconds();
        return configured != null ? configured : (int) config.idleTimeout().toSeconds();
    }

    /** The wait before the step's next attempt: its agent configuration's, else the default. */
    private Duration backoff(Step step) {
        return agentOf(step).map(a -> a.settings().backoffSeconds()).map(Duration::ofSeconds)
                .orElse(config.retry().backoff());
    }
}
