package dev.devgodzilla.registry.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.devgodzilla.contracts.agents.ProjectAgentConfig;
import dev.devgodzilla.registry.service.ProjectAgentConfigAnnouncer;
import dev.devgodzilla.support.messaging.BusMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Writes each project's override of an agent to {@code agent-project-config}, keyed {@code project/agent}. */
@ApplicationScoped
public class ProjectAgentConfigPublisher implements ProjectAgentConfigAnnouncer {
    public static final String CHANNEL = "agent-project-config-out";

    private final MutinyEmitter<String> emitter;

    public ProjectAgentConfigPublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka acknowledged the record. */
    @Override
    public Uni<Void> announce(ProjectAgentConfig config) {
        return emitter.sendMessage(BusMessages.keyed(config.key(), config, AvailabilityPublisher.SOURCE));
    }
}
