package dev.devgodzilla.execution.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepFeedback;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.domain.Clarification;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.repository.ClarificationRepository;
import dev.devgodzilla.execution.repository.OutboxRepository;
import dev.devgodzilla.execution.repository.StepRepository;
import dev.devgodzilla.execution.repository.TimelineRepository;
import dev.devgodzilla.support.rest.ProblemException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The feedback loop of a blocked step: its question becomes a clarification; an answer sends the step to a new
 * attempt whose prompt carries the question and the answer, resuming the agent's own session where its CLI can.
 * A step needing a new specification or plan is also announced on {@code step-feedback} for its planner. Each
 * method runs inside the caller's transaction, with the step locked.
 */
@ApplicationScoped
public class Clarifications {
    private final ClarificationRepository clarifications;
    private final StepRepository steps;
    private final TimelineRepository timeline;
    private final OutboxRepository outbox;
    private final StepTransitions transitions;

    public Clarifications(ClarificationRepository clarifications, StepRepository steps, TimelineRepository timeline,
                          OutboxRepository outbox, StepTransitions transitions) {
        this.clarifications = clarifications;
        this.steps = steps;
        this.timeline = timeline;
        this.outbox = outbox;
        this.transitions = transitions;
    }

    /** Opens the clarification of {@code blocked}, the current attempt of {@code step}, now BLOCKED. */
    Uni<Void> open(Step step, StepBlocked blocked) {
        Instant now = Instant.now();
        Clarification c = new Clarification();
        c.id = "clar-" + Ids.newEventId();
        c.stepId = step.stepId;
        c.attempt = blocked.attempt();
        c.agentId = step.agentId;
        c.question = blocked.reason();
        c.context = blocked.context();
        c.suggestedAction = blocked.suggestedAction() != null ? blocked.suggestedAction() : FeedbackAction.CLARIFY;
        c.sessionId = blocked.sessionId();
        c.state = Clarification.State.OPEN;
        c.createdAt = now;
        Uni<Void> recorded = clarifications.persist(c)
                .chain(() -> timeline.record(step.stepId, c.attempt, "clarification-opened", c.id,
                        "asked: " + c.question + " (suggested: " + c.suggestedAction + "; answer with `./dg step"
                                + " answer " + step.stepId + " \"...\"`)", null, now, false))
                .replaceWithVoid();
        if (c.suggestedAction == FeedbackAction.CLARIFY) {
            return recorded;
        }
        StepRequest request = Json.read(step.request, StepRequest.class);
        StepFeedback feedback = new StepFeedback(StepFeedback.SCHEMA_VERSION, Ids.newEventId(), now, step.stepId,
                request.planId(), request.projectId(), c.attempt, step.agentId, c.suggestedAction, c.question,
                c.context, c.id);
        return recorded.chain(() -> outbox.add(Topics.STEP_FEEDBACK, step.stepId, feedback)).replaceWithVoid();
    }

    /**
     * Answers the open clarification of {@code stepId} ({@code clarificationId}, or its latest one) and sends the
     * step to a new attempt with the answer.
     *
     * @throws StepNotFoundException no such step
     * @throws ProblemException      409 when the step has no open clarification to answer, 400 a blank answer
     */
    public Uni<Clarification> answer(String stepId, String clarificationId, String answer, String answeredBy) {
        if (answer == null || answer.isBlank()) {
            throw new ProblemException(400, "Invalid answer", "answer: is required, e.g. {\"answer\": \"use PostgreSQL\"}");
        }
        return steps.lock(stepId).chain(step -> {
            if (step == null) {
                return Uni.createFrom().failure(new StepNotFoundException(stepId));
            }
            return clarifications.openOf(stepId).chain(open -> {
                Clarification c = pick(step, open, clarificationId);
                Instant now = Instant.now();
                c.state = Clarification.State.ANSWERED;
                c.answer = answer.strip();
                c.answeredBy = answeredBy == null || answeredBy.isBlank() ? "api" : answeredBy.strip();
                c.answeredAt = now;
                step.prompt = withAnswer(step.prompt != null ? step.prompt
                        : PromptBuilder.build(Json.read(step.request, StepRequest.class)), c);
                step.resumeSessionId = c.sessionId;
                // the answered run is a new attempt that keeps the step's whole retry budget
                step.maxAttempts++;
                step.state = StepState.RECEIVED;
                step.failureCode = null;
                step.reason = null;
                step.updatedAt = now;
                Log.infof("step %s: clarification %s answered by %s", stepId, c.id, c.answeredBy);
                return timeline.record(stepId, c.attempt, "answered", Ids.newEventId(), "answered by "
                                + c.answeredBy + ": " + c.answer + (c.sessionId == null ? ""
                                : " (the next attempt resumes session " + c.sessionId + ")"), null, now, false)
                        .chain(() -> transitions.resolve(step))
                        .replaceWith(c);
            });
        });
    }

    /** Closes the open clarifications of a step that ends without an answer (cancelled, or specified anew). */
    Uni<Void> closeOpen(String stepId) {
        return clarifications.openOf(stepId).invoke(open -> open.forEach(c -> c.state = Clarification.State.CLOSED))
                .replaceWithVoid();
    }

    public Uni<List<Clarification>> ofStep(String stepId) {
        return clarifications.ofStep(stepId);
    }

    public Uni<List<Clarification>> inState(Clarification.State state, int limit) {
        return clarifications.inState(state, limit);
    }

    private static Clarification pick(Step step, List<Clarification> open, String clarificationId) {
        if (!step.state.awaitsFeedback() || open.isEmpty()) {
            throw new ProblemException(409, "Nothing to answer", "step " + step.stepId + " is " + step.state
                    + " with no open clarification; only the question of a step that is BLOCKED (or awaits a new"
                    + " specification or plan) can be answered");
        }
        if (clarificationId == null || clarificationId.isBlank()) {
            return open.getFirst();
        }
        return open.stream().filter(c -> c.id.equals(clarificationId)).findFirst()
                .orElseThrow(() -> new ProblemException(409, "Nothing to answer", "clarification " + clarificationId
                        + " is not open on step " + step.stepId + "; open: "
                        + open.stream().map(c -> c.id).toList()));
    }

    /** The prompt of the next attempt: the one before, then the question and its answer. */
    static String withAnswer(String prompt, Clarification c) {
        return prompt.stripTrailing() + "\n\n## Answer to your question\n\nQuestion: "
                + (c.question == null ? "(none given)" : c.question.strip()) + "\nAnswer: " + c.answer + "\n";
    }
}
