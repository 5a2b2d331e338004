package dev.devgodzilla.execution.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.devgodzilla.execution.service.ClaimRefusedException;
import dev.devgodzilla.execution.service.StepAlreadyFinishedException;
import dev.devgodzilla.execution.service.StepNotFoundException;
import dev.devgodzilla.support.rest.Problem;

/** Answers the step operations' domain failures as {@code application/problem+json}: their HTTP side. */
public class StepProblemMappers {

    @ServerExceptionMapper
    public Response notFound(StepNotFoundException e, UriInfo uri) {
        return respond(404, "Step not found", e, uri);
    }

    @ServerExceptionMapper
    public Response alreadyFinished(StepAlreadyFinishedException e, UriInfo uri) {
        return respond(409, "Step already finished", e, uri);
    }

    @ServerExceptionMapper
    public Response claimRefused(ClaimRefusedException e, UriInfo uri) {
        return respond(409, "Attempt not claimable", e, uri);
    }

    private static Response respond(int status, String title, RuntimeException e, UriInfo uri) {
        return new Problem("about:blank", title, status, e.getMessage(), uri.getPath(), null).response().build();
    }
}
