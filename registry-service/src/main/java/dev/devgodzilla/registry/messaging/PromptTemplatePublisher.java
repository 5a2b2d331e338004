package dev.devgodzilla.registry.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.devgodzilla.contracts.prompts.PromptTemplate;
import dev.devgodzilla.registry.service.PromptTemplateAnnouncer;
import dev.devgodzilla.support.messaging.BusMessages;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/** Writes each prompt template to the compacted {@code prompt-templates} topic, keyed by its name. */
@ApplicationScoped
public class PromptTemplatePublisher implements PromptTemplateAnnouncer {
    public static final String CHANNEL = "prompt-templates-out";

    private final MutinyEmitter<String> emitter;

    public PromptTemplatePublisher(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka acknowledged the record. */
    @Override
    public Uni<Void> announce(PromptTemplate template) {
        return emitter.sendMessage(BusMessages.keyed(template.name(), template, AvailabilityPublisher.SOURCE));
    }
}
