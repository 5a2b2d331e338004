package dev.devgodzilla.registry.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.devgodzilla.registry.service.AgentConfigAnnouncer;
import dev.devgodzilla.registry.service.EffectiveAgentConfig;
import dev.devgodzilla.support.messaging.BusMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Writes each agent's effective configuration to the compacted {@code agent-config} topic, keyed by agent id. */
@ApplicationScoped
public class AgentConfigPublisher implements AgentConfigAnnouncer {
    public static final String CHANNEL = "agent-config-out";

    private final MutinyEmitter<String> emitter;

    public AgentConfigPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka acknowledged the record. */
    @Override
    public Uni<Void> announce(EffectiveAgentConfig config) {
        return emitter.sendMessage(BusMessages.keyed(config.agentId(), config.message(),
                AvailabilityPublisher.SOURCE));
    }
}
