package dev.devgodzilla.registry.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.messages.AgentAvailability;
import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.registry.domain.AgentView;
import dev.devgodzilla.registry.service.AvailabilityAnnouncer;
import dev.devgodzilla.support.messaging.BusMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Writes {@link AgentAvailability} records to the compacted {@code agent-availability} topic. */
@ApplicationScoped
public class AvailabilityPublisher implements AvailabilityAnnouncer {
    public static final String CHANNEL = Topics.AGENT_AVAILABILITY;
    public static final String SOURCE = "registry-service";

    private final MutinyEmitter<String> emitter;

    public AvailabilityPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Publishes one agent's view, keyed by agent id; completes when Kafka acknowledged it. */
    @Override
    public Uni<Void> announce(AgentView view) {
        AgentAvailability message = new AgentAvailability(AgentAvailability.SCHEMA_VERSION, Ids.newEventId(),
                Instant.now(), view.agentId(), view.available(), view.workers(), view.versions(), view.reason());
        return emitter.sendMessage(BusMessages.keyed(view.agentId(), message, SOURCE));
    }
}
