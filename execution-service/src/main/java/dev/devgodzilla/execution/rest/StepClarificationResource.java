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
import dev.devgodzilla.execution.service.StateChanges;
import dev.devgodzilla.execution.service.StepNotFoundException;
import dev.devgodzilla.support.rest.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** One step's questions, and their answer: an answer runs the step again with it, resuming its agent's session. */
@Path("/steps/{stepId}")
@Produces(MediaType.APPLICATION_JSON)
public class StepClarificationResource {
    private final Clarifications clarifications;
    private final StepRepository steps;
    private final StateChanges changes;

    public StepClarificationResource(Clarifications clarifications, StepRepository steps, StateChanges changes) {
        this.clarifications = clarifications;
        this.steps = steps;
        this.changes = changes;
    }

    /** What an answer sends: the answer, optionally which clarification and who answers. */
    public record AnswerRequest(String answer, String clarificationId, String answeredBy) {
    }

    @GET
    @Path("clarifications")
    public Uni<List<ClarificationView>> ofStep(@PathParam("stepId") String stepId) {
        return Panache.withSession(() -> steps.findById(stepId).chain(step -> {
            if (step == null) {
                return Uni.createFrom().failure(new StepNotFoundException(stepId));
            }
            return clarifications.ofStep(stepId);
        })).map(all -> all.stream().map(ClarificationView::of).toList());
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
