package dev.devgodzilla.execution.rest;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.devgodzilla.execution.repository.StepRepository;
import dev.devgodzilla.execution.rest.ClarificationResource.ClarificationView;
import dev.devgodzilla.execution.service.Clarifications;
import dev.devgodzilla.execution.service.IdeCompletions;
import dev.devgodzilla.execution.service.StateChanges;
import dev.devgodzilla.execution.service.StepNotFoundException;
import dev.devgodzilla.support.rest.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * One step's questions, and their answer: an answer runs the step again with it, resuming its agent's session;
 * and the completion of a step pending in an IDE.
 */
@Path("/steps/{stepId}")
@Produces(MediaType.APPLICATION_JSON)
public class StepClarificationResource {
    private final Clarifications clarifications;
    private final IdeCompletions completions;
    private final StepRepository steps;
    private final StateChanges changes;

    public StepClarificationResource(Clarifications clarifications, IdeCompletions completions, StepRepository steps,
                                     StateChanges changes) {
        this.clarifications = clarifications;
        this.completions = completions;
        this.steps = steps;
        this.changes = changes;
    }

    /** What an answer sends: the answer, optionally which clarification and who answers. */
    public record AnswerRequest(String answer, String clarificationId, String answeredBy) {
    }

    @GET
    @Path("clarifications")
    public Uni<List<ClarificationView>> ofStep(@PathParam("stepId") String stepId) {
        return steps.findById(stepId).chain(step -> {
            if (step == null) {
                return Uni.createFrom().failure(new StepNotFoundException(stepId));
            }
            return clarifications.ofStep(stepId);
        }).map(all -> all.stream().map(ClarificationView::of).toList());
    }

    /** What completing an IDE step sends: done, blocked or failed, what was done, and the question if blocked. */
    public record CompleteRequest(String status, String summary, String question) {
    }

    /** Where a completion went: to the worker holding the hand-off, or recorded by this service. */
    public record CompletionView(String stepId, String status, String routedTo, boolean recordedHere) {
    }

    /**
     * 202: the completion of a step pending in an IDE is on its way, to the worker that holds its hand-off or,
     * when none is heard, recorded here (400 for an unknown status, 409 when the step is not pending).
     */
    @POST
    @Path("complete")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> complete(@PathParam("stepId") String stepId, CompleteRequest body) {
        CompleteRequest request = body == null ? new CompleteRequest(null, null, null) : body;
        return changes.commit(() -> completions.complete(stepId, request.status(), request.summary(),
                        request.question()))
                .map(c -> Response.accepted(new CompletionView(stepId, c.outcome(), c.holder(), c.holder() == null))
                        .build());
    }

    /** 202: the step runs again with the answer (409 when it has no open question). */
    @POST
    @Path("answer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> answer(@PathParam("stepId") String stepId, AnswerRequest body) {
        if (body == null) {
            throw new ProblemException(400, "Invalid answer", "answer: is required, e.g. {\"answer\": \"use PostgreSQL\"}");
        }
        return changes.commit(() -> clarifications.answer(stepId, body.clarificationId(), body.answer(),
                        body.answeredBy()))
                .map(c -> Response.accepted(ClarificationView.of(c)).build());
    }
}
