package dev.devgodzilla.registry.service;

import dev.devgodzilla.registry.domain.AgentView;
import io.smallrye.mutiny.Uni;

/**
 * Tells the rest of the system that an agent's availability changed. It lives here, and the bus side
 * implements it, so the tracker never depends on messaging.
 */
public interface AvailabilityAnnouncer {

    /** Announces one agent's view; completes once the announcement is durably out. */
    Uni<Void> announce(AgentView view);
}
