package dev.devgodzilla.execution.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import dev.devgodzilla.contracts.messages.FeedbackAction;
import dev.devgodzilla.execution.domain.Clarification;
import dev.devgodzilla.execution.service.Clarifications;
import dev.devgodzilla.support.rest.ProblemException;
import io.smallrye.mutiny.Uni;

/** The questions of blocked steps, across steps: {@code ?state=open} (the default), answered or closed. */
@Path("/clarifications")
@Produces(MediaType.APPLICATION_JSON)
public class ClarificationResource {
    private static final int MAX_LIST = 500;

    private final Clarifications clarifications;

    public ClarificationResource(Clarifications clarifications) {
        this.clarifications = clarifications;
    }

    /** A clarification as the API shows it. */
    public record ClarificationView(String id, String stepId, int attempt, String agentId, String question,
                                    String context, FeedbackAction suggestedAction, String sessionId, String state,
                                    String answer, String answeredBy, Instant createdAt, Instant answeredAt) {
        static ClarificationView of(Clarification c) {
            return new ClarificationView(c.id, c.stepId, c.attempt, c.agentId, c.question, c.context,
                    c.suggestedAction, c.sessionId, c.state.name(), c.answer, c.answeredBy, c.createdAt, c.answeredAt);
        }
    }

    @GET
    public Uni<List<ClarificationView>> list(@QueryParam("state") @DefaultValue("open") String state,
                                             @QueryParam("limit") @DefaultValue("100") int limit) {
        Clarification.State wanted;
        try {
            wanted = Clarification.State.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "Invalid state", "state must be one of open, answered, closed; got '"
                    + state + "'");
        }
        return clarifications.inState(wanted, Math.max(1, Math.min(limit, MAX_LIST)))
                .map(all -> all.stream().map(ClarificationView::of).toList());
    }
}
