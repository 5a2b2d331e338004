package dev.devgodzilla.registry.rest;

import dev.devgodzilla.registry.service.AvailabilityTracker;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The live sandbox workers. */
@Path("/workers")
@Produces(MediaType.APPLICATION_JSON)
public class WorkerResource {
    private final AvailabilityTracker tracker;

    public WorkerResource(AvailabilityTracker tracker) {
        this.tracker = tracker;
    }

    @GET
    public Uni<List<WorkerInfo>> live() {
        return tracker.current().map(s -> s.liveWorkers().stream().map(WorkerInfo::of).toList());
    }
}
