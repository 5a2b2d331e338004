package dev.devgodzilla.worker.way.ide;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dev.devgodzilla.support.rest.ProblemException;

/** Lets an IDE (or its user) end a pending IDE step, and lists the steps still waiting. */
@Path("/ide-steps")
@Produces(MediaType.APPLICATION_JSON)
public class IdeStepsResource {
    private final IdeStepTracker tracker;

    public IdeStepsResource(IdeStepTracker tracker) {
        this.tracker = tracker;
    }

    /** The body of a completion: status {@code done}, {@code blocked} or {@code failed}. */
    public record IdeCompletion(String status, String summary, String question) {
    }

    @GET
    public List<PendingIdeStep> pending() {
        return tracker.pending();
    }

    @POST
    @Path("/{stepId}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response complete(@PathParam("stepId") String stepId, IdeCompletion body) {
        if (body == null || IdeStatus.terminalOf(body.status()).isEmpty()) {
            throw new ProblemException(400, "Invalid completion",
                    "status must be done, blocked or failed, not " + (body == null ? "missing" : "'" + body.status() + "'"));
        }
        IdeStatus status = IdeStatus.terminalOf(body.status()).orElseThrow();
        return tracker.complete(stepId, status, body.summary(), body.question())
                .map(outcome -> Response.accepted(outcome).build())
                .orElseThrow(() -> new ProblemException(404, "IDE step not found",
                        "no pending IDE step " + stepId + " on this worker"));
    }
}
