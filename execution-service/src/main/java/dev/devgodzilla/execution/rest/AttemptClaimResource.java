package dev.devgodzilla.execution.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.devgodzilla.execution.service.AttemptClaims;
import io.smallrye.mutiny.Uni;

/**
 * Workers claim an attempt here before its agent starts: 200 when the calling process holds the attempt
 * (again, if it asks twice), 409 problem when another process does or the attempt is not current, 404 for
 * an unknown step.
 */
@Path("/steps/{stepId}/attempts/{attempt}/claim")
@Produces(MediaType.APPLICATION_JSON)
public class AttemptClaimResource {
    private final AttemptClaims claims;

    public AttemptClaimResource(AttemptClaims claims) {
        this.claims = claims;
    }

    /** Who asks: the worker's process, {@code workerId#instance}, new on every start of a worker. */
    public record ClaimRequest(@NotBlank @Size(max = 256) String instance) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<AttemptClaims.Claim> claim(@PathParam("stepId") String stepId, @PathParam("attempt") int attempt,
                            @Valid @NotNull ClaimRequest request) {
        return claims.claim(stepId, attempt, request.instance());
    }
}
