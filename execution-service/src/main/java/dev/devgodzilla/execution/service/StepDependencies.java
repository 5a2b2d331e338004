package dev.devgodzilla.execution.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepRequestValidator;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.config.ExecutionConfig;
import dev.devgodzilla.execution.domain.Step;
import dev.devgodzilla.execution.domain.StepDependency;
import dev.devgodzilla.execution.repository.StepDependencyRepository;
import dev.devgodzilla.execution.repository.StepRepository;
import dev.devgodzilla.execution.repository.TimelineRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Steps that wait for other steps: a step whose dependencies name steps stays {@code WAITING} until each has
 * passed QA, then is resolved like any new step; when one fails, times out or is cancelled, it fails with
 * {@code DEPENDENCY_FAILED} naming it (and so do the steps waiting for it, in turn). A dependency not known yet
 * may still arrive, for {@code dg.execution.dependency-wait}. A request that would close a cycle is refused.
 */
@ApplicationScoped
public class StepDependencies {
    /** How far a cycle is looked for: more steps than any plan has. */
    private static final int MAX_VISITED = 10_000;

    private final StepDependencyRepository dependencies;
    private final StepRepository steps;
    private final TimelineRepository timeline;
    private final StepTransitions transitions;
    private final ExecutionConfig config;

    public StepDependencies(StepDependencyRepository dependencies, StepRepository steps, TimelineRepository timeline,
                            StepTransitions transitions, ExecutionConfig config) {
        this.dependencies = dependencies;
        this.steps = steps;
        this.timeline = timeline;
        this.transitions = transitions;
        this.config = config;
    }

    /** The steps {@code request} depends on: the entries of its dependencies that are step ids. */
    public static List<String> of(StepRequest request) {
        if (request.dependencies() == null) {
            return List.of();
        }
        return request.dependencies().stream().filter(StepRequestValidator::isStepId).map(String::strip)
                .distinct().toList();
    }

    /**
     * The cycle {@code stepId} would close by depending on {@code on} ({@code [a, b, a]}), if it would: a known
     * step that (through others) depends on {@code stepId}, which may have been submitted before it.
     */
    public Uni<Optional<List<String>>> cycle(String stepId, List<String> on) {
        if (on.contains(stepId)) {
            return Uni.createFrom().item(Optional.of(List.of(stepId, stepId)));
        }
        Map<String, String> reachedFrom = new HashMap<>();
        on.forEach(d -> reachedFrom.put(d, stepId));
        return search(stepId, new ArrayList<>(on), reachedFrom);
    }

    private Uni<Optional<List<String>>> search(String stepId, List<String> frontier, Map<String, String> reachedFrom) {
        if (frontier.isEmpty() || reachedFrom.size() > MAX_VISITED) {
            return Uni.createFrom().item(Optional.empty());
        }
        return dependencies.of(frontier).chain(rows -> {
            List<String> next = new ArrayList<>();
            for (StepDependency row : rows) {
                if (row.dependsOn.equals(stepId)) {
                    return Uni.createFrom().item(Optional.of(path(stepId, row.stepId, reachedFrom)));
                }
                if (!reachedFrom.containsKey(row.dependsOn)) {
                    reachedFrom.put(row.dependsOn, row.stepId);
                    next.add(row.dependsOn);
                }
            }
            return search(stepId, next, reachedFrom);
        });
    }

    private static List<String> path(String stepId, String last, Map<String, String> reachedFrom) {
        LinkedList<String> path = new LinkedList<>();
        path.addFirst(stepId);
        for (String at = last; at != null && !at.equals(stepId); at = reachedFrom.get(at)) {
            path.addFirst(at);
        }
        path.addFirst(stepId);
        return path;
    }

    /** Records what the new {@code step} depends on and parks it until those have passed. */
    Uni<Void> await(Step step, List<String> on) {
        step.state = StepState.WAITING;
        return dependencies.persist(on.stream().map(d -> StepDependency.of(step.stepId, d)).toList())
                .chain(() -> timeline.record(step.stepId, 0, "waiting", Ids.newEventId(), "waiting for "
                        + String.join(", ", on) + " to pass QA", null, Instant.now(), false))
                .chain(() -> evaluate(step));
    }

    /** Forgets what {@code stepId} depended on: a new request for it says anew. */
    Uni<Void> forget(String stepId) {
        return dependencies.forget(stepId);
    }

    /** Looks at a waiting step again (the sweeper, now and then): dispatch it, fail it, or leave it waiting. */
    public Uni<Void> evaluate(String stepId) {
        return steps.lock(stepId).chain(step -> step == null ? Uni.createFrom().voidItem() : evaluate(step));
    }

    private Uni<Void> evaluate(Step step) {
        if (step.state != StepState.WAITING) {
            return Uni.createFrom().voidItem();
        }
        return dependencies.of(List.of(step.stepId)).chain(rows -> {
            List<String> on = rows.stream().map(r -> r.dependsOn).sorted().toList();
            return steps.statesOf(on).chain(states -> decide(step, on, states));
        });
    }

    private Uni<Void> decide(Step step, List<String> on, Map<String, StepState> states) {
        Instant now = Instant.now();
        for (String dependency : on) {
            StepState state = states.get(dependency);
            if (state == StepState.FAILED || state == StepState.QA_FAILED || state == StepState.TIMED_OUT
                    || state == StepState.CANCELLED) {
                return fail(step, "step " + dependency + " it depends on ended " + state, now);
            }
        }
        Set<String> unknown = new HashSet<>(on);
        unknown.removeAll(states.keySet());
        if (!unknown.isEmpty() && step.createdAt.plus(config.dependencyWait()).isBefore(now)) {
            return fail(step, "step " + String.join(", ", unknown.stream().sorted().toList())
                    + " it depends on did not arrive within " + config.dependencyWait(), now);
        }
        if (on.stream().allMatch(d -> states.get(d) == StepState.QA_PASSED)) {
            Log.infof("step %s: its dependencies passed; resolving it", step.stepId);
            step.state = StepState.RECEIVED;
            step.updatedAt = now;
            return timeline.record(step.stepId, 0, "dependencies-passed", Ids.newEventId(), "every step it depends on"
                            + " passed QA (" + String.join(", ", on) + ")", null, now, false)
                    .chain(() -> transitions.resolve(step));
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> fail(Step step, String why, Instant now) {
        Log.infof("step %s: %s", step.stepId, why);
        return transitions.failByService(step, FailureCode.DEPENDENCY_FAILED, why);
    }
}
