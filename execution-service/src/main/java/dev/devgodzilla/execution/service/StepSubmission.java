package dev.devgodzilla.execution.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.agents.AgentRouting;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepRequestValidator;
import dev.devgodzilla.contracts.messages.StepRequestValidator.Violation;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.contracts.prompts.PromptTemplate;
import dev.devgodzilla.execution.config.ExecutionConfig;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.repository.StepRepository;
import dev.devgodzilla.execution.repository.TimelineRepository;
import dev.devgodzilla.execution.service.SubmitResult.Outcome;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Takes in a step request, from Kafka or REST alike: validate, deduplicate, store and resolve. */
@ApplicationScoped
public class StepSubmission {
    private final ExecutionConfig config;
    private final StepRepository steps;
    private final TimelineRepository timeline;
    private final StepTransitions transitions;
    private final StepMetrics metrics;
    private final StateChanges changes;
    private final AgentRoutingView routing;
    private final PromptTemplateView templates;
    private final ProjectAgentConfigView projects;
    private final StepDependencies dependencies;
    private final Clarifications clarifications;

    public StepSubmission(ExecutionConfig config, StepRepository steps, TimelineRepository timeline,
                          StepTransitions transitions, StepMetrics metrics, StateChanges changes,
                          AgentRoutingView routing, PromptTemplateView templates, ProjectAgentConfigView projects,
                          StepDependencies dependencies, Clarifications clarifications) {
        this.config = config;
        this.clarifications = clarifications;
        this.dependencies = dependencies;
        this.projects = projects;
        this.routing = routing;
        this.templates = templates;
        this.steps = steps;
        this.timeline = timeline;
        this.transitions = transitions;
        this.metrics = metrics;
        this.changes = changes;
    }

    public Uni<SubmitResult> submit(StepRequest received) {
        List<Violation> violations = new java.util.ArrayList<>(StepRequestValidator.validate(received));
        if (violations.isEmpty() && received.promptTemplate() != null
                && templates.find(received.promptTemplate()).isEmpty()) {
            violations.add(new Violation("promptTemplate", "no prompt template '" + received.promptTemplate()
                    + "' (list them with GET /prompt-templates on registry-service)"));
        }
        if (!violations.isEmpty()) {
            SubmitResult invalid = SubmitResult.invalid(received == null ? null : received.stepId(), violations);
            metrics.request("invalid");
            return Uni.createFrom().item(invalid);
        }
        StepRequest request = withEnvelope(received);
        String hash = RequestFingerprint.of(request);
        return Uni.createFrom().deferred(() -> changes.commit(() -> steps.lock(request.stepId())
                        .chain(known -> known == null ? create(request, hash) : compare(known, request, hash))))
                // Two first copies racing: the loser's insert breaks the primary key; the retry sees the winner.
                .onFailure().retry().atMost(1)
                .invoke(result -> {
                    metrics.request(result.outcome().name().toLowerCase(Locale.ROOT));
                    if (result.outcome() == Outcome.DUPLICATE) {
                        Log.infof("step %s: duplicate request, nothing new starts", result.stepId());
                    } else if (result.outcome() != Outcome.ACCEPTED && result.outcome() != Outcome.RESPECIFIED) {
                        Log.warnf("step %s: %s", result.stepId(), result.reason());
                    }
                });
    }

    /**
     * A request for a known step: the same body is a duplicate; a different one is refused, unless the step
     * waits for a new specification or plan, which this request then is.
     */
    private Uni<SubmitResult> compare(Step known, StepRequest request, String hash) {
        if (known.requestHash.equals(hash)) {
            return Uni.createFrom().item(SubmitResult.of(Outcome.DUPLICATE, known.stepId));
        }
        if (known.state.awaitsNewRequest()) {
            return withoutCycle(request, dependsOn -> respecify(known, request, hash, dependsOn));
        }
        return Uni.createFrom().item(SubmitResult.conflict(known.stepId, known.state));
    }

    private Uni<SubmitResult> create(StepRequest request, String hash) {
        return withoutCycle(request, dependsOn -> store(request, hash, dependsOn));
    }

    /** Goes on with the steps {@code request} depends on, unless depending on them would close a cycle. */
    private Uni<SubmitResult> withoutCycle(StepRequest request,
                                           Function<List<String>, Uni<SubmitResult>> then) {
        List<String> dependsOn = StepDependencies.of(request);
        if (dependsOn.isEmpty()) {
            return then.apply(dependsOn);
        }
        return dependencies.cycle(request.stepId(), dependsOn).chain(cycle -> cycle.isPresent()
                ? Uni.createFrom().item(SubmitResult.invalid(request.stepId(), List.of(new Violation("dependencies",
                "would close the cycle " + String.join(" -> ", cycle.get())))))
                : then.apply(dependsOn));
    }

    private Uni<SubmitResult> store(StepRequest request, String hash, List<String> dependsOn) {
        Instant now = Instant.now();
        Step step = new Step();
        step.stepId = request.stepId();
        String described = specify(step, request, hash);
        step.state = StepState.RECEIVED;
        step.createdAt = now;
        step.updatedAt = now;
        return steps.persist(step)
                .chain(() -> timeline.record(step.stepId, 0, "received", Ids.newEventId(),
                        "request received for agent " + described, null, request.occurredAt(), false))
                .chain(() -> dependsOn.isEmpty() ? transitions.resolve(step) : dependencies.await(step, dependsOn))
                .replaceWith(SubmitResult.of(Outcome.ACCEPTED, step.stepId));
    }

    /**
     * The planner's new request for a step that waits for one: it replaces the step's specification, its open
     * question is closed, and the step starts again with a whole retry budget and a fresh session.
     */
    private Uni<SubmitResult> respecify(Step step, StepRequest request, String hash, List<String> dependsOn) {
        Instant now = Instant.now();
        StepState was = step.state;
        int attemptsSoFar = step.attempt;
        String described = specify(step, request, hash);
        step.maxAttempts += attemptsSoFar;
        step.state = StepState.RECEIVED;
        step.failureCode = null;
        step.reason = null;
        step.qaVerdict = null;
        step.resumeSessionId = null;
        step.nextAttemptAt = null;
        step.updatedAt = now;
        Log.infof("step %s: a new request replaces its specification (it was %s)", step.stepId, was);
        return clarifications.closeOpen(step.stepId)
                .chain(() -> dependencies.forget(step.stepId))
                .chain(() -> timeline.record(step.stepId, attemptsSoFar, "respecified", Ids.newEventId(),
                        "new request received while " + was + ", replacing the step's specification; agent "
                                + described, null, request.occurredAt(), false))
                .chain(() -> dependsOn.isEmpty() ? transitions.resolve(step) : dependencies.await(step, dependsOn))
                .replaceWith(SubmitResult.of(Outcome.RESPECIFIED, step.stepId));
    }

    /**
     * Sets what {@code request} specifies of {@code step}: the request itself, its agent (routed when the request
     * names none), model, prompt and attempts; returns the agent and where each came from, for the timeline.
     */
    private String specify(Step step, StepRequest request, String hash) {
        step.request = Json.write(request);
        step.requestHash = hash;
        String agentSource;
        if (request.agentId() != null) {
            step.agentId = request.agentId();
            agentSource = "";
        } else {
            AgentRouting.Choice choice = routing.current().choose(request.projectId(), request.taskType())
                    .orElse(new AgentRouting.Choice(config.defaultAgent(), "execution-service's default agent"));
            step.agentId = choice.agentId();
            agentSource = " (from " + choice.source() + ")";
        }
        step.projectId = request.projectId();
        Optional<AgentMetadata> agent = transitions.agentOf(step);
        step.model = request.model() != null ? request.model() : agent.map(AgentMetadata::defaultModel).orElse(null);
        String templateSource = renderPrompt(request, step);
        step.maxAttempts = agent.map(a -> a.settings().maxAttempts()).orElse(config.retry().maxAttempts());
        return step.agentId + agentSource + modelSource(request, step) + limitsSource(step) + templateSource;
    }

    /**
     * Renders the step's prompt from the template it names, else the one named after its task type, else
     * {@code default}, and says which it was for the timeline. A template that no longer renders falls back to
     * the built-in one rather than losing the step.
     */
    private String renderPrompt(StepRequest request, Step step) {
        Optional<PromptTemplate> ofTaskType = request.taskType() != null
                && PromptTemplate.NAME.matcher(request.taskType()).matches()
                ? templates.find(request.taskType()) : Optional.empty();
        PromptTemplate template;
        String source;
        if (request.promptTemplate() != null) {
            template = templates.find(request.promptTemplate()).orElse(PromptTemplate.BUILT_IN);
            source = "the request";
        } else if (ofTaskType.isPresent()) {
            template = ofTaskType.get();
            source = "the task type";
        } else {
            template = templates.find(PromptTemplate.DEFAULT).orElse(PromptTemplate.BUILT_IN);
            source = "the default";
        }
        try {
            step.prompt = PromptBuilder.build(request, template, step.agentId, step.model);
        } catch (IllegalArgumentException e) {
            Log.warnf("step %s: prompt template %s does not render (%s); the built-in one is used", request.stepId(),
                    template.name(), e.getMessage());
            step.prompt = PromptBuilder.build(request, PromptTemplate.BUILT_IN, step.agentId, step.model);
            return ", built-in prompt template (template '" + template.name() + "' does not render: "
                    + e.getMessage() + ")";
        }
        return ", prompt template '" + template.name() + "' " + (template.builtIn() ? "built in"
                : "v" + template.version()) + " (from " + source + ")";
    }

    /** Where the step's model comes from, for its timeline. */
    private String modelSource(StepRequest request, Step step) {
        if (step.model == null) {
            return "";
        }
        return ", model " + step.model + (request.model() != null ? " (from the request)"
                : " (from " + configurationOf(step, "defaultModel") + ")");
    }

    /** Which limits of the step its project's configuration of the agent set, for its timeline. */
    private String limitsSource(Step step) {
        List<String> set = dev.devgodzilla.contracts.agents.ProjectAgentConfig.FIELDS.stream()
                .filter(f -> !f.equals("defaultModel") && projects.projectSets(step.agentId, step.projectId, f))
                .toList();
        return set.isEmpty() ? "" : ", " + String.join(", ", set) + " from project " + step.projectId
                + "'s configuration of the agent";
    }

    private String configurationOf(Step step, String field) {
        return projects.projectSets(step.agentId, step.projectId, field)
                ? "project " + step.projectId + "'s configuration of the agent" : "the agent's configuration";
    }

    /** Fills the envelope fields a producer (typically a REST caller) may leave out. */
    private static StepRequest withEnvelope(StepRequest r) {
        if (r.schemaVersion() != null && r.eventId() != null && r.occurredAt() != null) {
            return r;
        }
        return new StepRequest(r.schemaVersion() != null ? r.schemaVersion() : StepRequest.SCHEMA_VERSION,
                r.eventId() != null ? r.eventId() : Ids.newEventId(),
                r.occurredAt() != null ? r.occurredAt() : Instant.now(), r.stepId(), r.planId(), r.projectId(),
                r.agentId(), r.model(), r.taskType(), r.task(), r.context(), r.dependencies(), r.instructions(),
                r.workspace(), r.sandboxMode(), r.timeoutSeconds(), r.qaCommand(), r.labels(),
                r.setupCommand(), r.promptTemplate());
    }
}
