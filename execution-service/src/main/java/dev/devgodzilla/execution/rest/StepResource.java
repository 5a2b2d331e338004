package dev.devgodzilla.execution.rest;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.MalformedMessageException;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepState;
import dev.devgodzilla.execution.repository.StepRepository;
import dev.devgodzilla.execution.repository.TimelineRepository;
import dev.devgodzilla.execution.service.StateChanges;
import dev.devgodzilla.execution.service.StepLifecycle;
import dev.devgodzilla.execution.service.StepNotFoundException;
import dev.devgodzilla.execution.service.StepSubmission;
import dev.devgodzilla.execution.service.SubmitResult;
import dev.devgodzilla.support.rest.Problem;
import dev.devgodzilla.support.rest.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The step API: submit a step (the same path as a record on {@code step-requests}), read a step with its
 * timeline, list steps, cancel a step.
 */
@Path("/steps")
@Produces(MediaType.APPLICATION_JSON)
public class StepResource {
    private static final int MAX_LIST = 500;

    private final StepSubmission submission;
    private final StepLifecycle lifecycle;
    private final StepRepository steps;
    private final TimelineRepository timeline;
    private final StateChanges changes;

    public StepResource(StepSubmission submission, StepLifecycle lifecycle, StepRepository steps,
                        TimelineRepository timeline, StateChanges changes) {
        this.submission = submission;
        this.lifecycle = lifecycle;
        this.steps = steps;
        this.timeline = timeline;
        this.changes = changes;
    }

    /**
     * 202 for a new step (or a new specification of a step awaiting one), 200 for an exact duplicate, 400 for an
     * invalid body, 409 for a conflicting one.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> submit(String body) {
        StepRequest request;
        try {
            request = Json.read(body, StepRequest.class);
        } catch (MalformedMessageException e) {
            throw new ProblemException(400, "Malformed request body", e.getMessage(),
                    List.of(new Problem.FieldError("body", e.getMessage())));
        }
        return submission.submit(request).chain(result -> switch (result.outcome()) {
            case ACCEPTED, RESPECIFIED -> view(result.stepId()).map(v -> Response.accepted(v)
                    .location(URI.create("/steps/" + v.stepId())).build());
            case DUPLICATE -> view(result.stepId()).map(v -> Response.ok(v)
                    .location(URI.create("/steps/" + v.stepId())).build());
            case CONFLICT -> Uni.createFrom().failure(
                    new ProblemException(409, "Step already exists", result.reason()));
            case INVALID -> Uni.createFrom().failure(invalid(result));
        });
    }

    @GET
    @Path("/{stepId}")
    public Uni<StepView> get(@PathParam("stepId") String stepId) {
        return view(stepId);
    }

    @GET
    public Uni<List<StepView>> list(@QueryParam("state") String state,
                                    @QueryParam("limit") @DefaultValue("50") int limit) {
        StepState filter = parseState(state);
        if (limit < 1 || limit > MAX_LIST) {
            throw new ProblemException(400, "Invalid query", "limit must be between 1 and " + MAX_LIST,
                    List.of(new Problem.FieldError("limit", "must be between 1 and " + MAX_LIST)));
        }
        return steps.list(filter, limit)
                .map(found -> found.stream().map(s -> StepView.of(s, null)).toList());
    }

    /** 202: the cancel command is on its way to the worker (or the step was cancelled before dispatch). */
    @POST
    @Path("/{stepId}/cancel")
    public Uni<Response> cancel(@PathParam("stepId") String stepId) {
        return changes.commit(() -> lifecycle.cancel(stepId))
                .chain(step -> view(step.stepId))
                .map(v -> Response.accepted(v).build());
    }

    /**
     * 202: the order to remove the finished step's per-step workspace is on its way to the workers; 409 while
     * the step may still run (or be answered and resume in it).
     */
    @DELETE
    @Path("/{stepId}/workspace")
    public Uni<Response> removeWorkspace(@PathParam("stepId") String stepId) {
        return changes.commit(() -> lifecycle.removeWorkspace(stepId))
                .chain(step -> view(step.stepId))
                .map(v -> Response.accepted(v).build());
    }

    private Uni<StepView> view(String stepId) {
        return steps.findById(stepId).chain(step -> step == null
                ? Uni.createFrom().failure(new StepNotFoundException(stepId))
                : timeline.of(stepId).map(entries -> StepView.of(step, entries)));
    }

    private static ProblemException invalid(SubmitResult result) {
        return new ProblemException(400, "Invalid step request", result.reason(), result.violations().stream()
                .map(v -> new Problem.FieldError(v.field(), v.message())).toList());
    }

    private static StepState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return StepState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "Invalid query", "unknown state " + state,
                    List.of(new Problem.FieldError("state", "must be one of " + List.of(StepState.values()))));
        }
    }
}
