package dev.devgodzilla.worker.rest;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.devgodzilla.worker.dispatch.RunningAttempts;

/** Lists the attempts this worker is running right now. */
@Path("/attempts")
@Produces(MediaType.APPLICATION_JSON)
public class AttemptsResource {
    private final RunningAttempts running;

    public AttemptsResource(RunningAttempts running) {
        this.running = running;
    }

    /** One running attempt, as the API shows it. */
    public record RunningAttempt(String stepId, int attempt, String agentId, Instant acceptedAt, Long pid) {
    }

    @GET
    public List<RunningAttempt> list() {
        return running.all().stream()
                .map(a -> new RunningAttempt(a.job().stepId(), a.job().attempt(), a.job().agentId(), a.acceptedAt(),
                        a.pid()))
                .toList();
    }
}
