package dev.devgodzilla.registry.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.devgodzilla.contracts.agents.AgentRouting;
import dev.devgodzilla.registry.service.AgentRoutingAnnouncer;
import dev.devgodzilla.support.messaging.BusMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Writes the agent routing to the compacted {@code agent-routing} topic, always under one key. */
@ApplicationScoped
public class AgentRoutingPublisher implements AgentRoutingAnnouncer {
    public static final String CHANNEL = "agent-routing-out";

    private final MutinyEmitter<String> emitter;

    public AgentRoutingPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka acknowledged the record. */
    @Override
    public Uni<Void> announce(AgentRouting routing) {
        return emitter.sendMessage(BusMessages.keyed(AgentRouting.KEY, routing, AvailabilityPublisher.SOURCE));
    }
}
