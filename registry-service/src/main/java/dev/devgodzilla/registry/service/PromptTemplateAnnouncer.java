package dev.devgodzilla.registry.service;

import dev.devgodzilla.contracts.prompts.PromptTemplate;
import io.smallrye.mutiny.Uni;

/** Where prompt templates are announced (the compacted {@code prompt-templates} topic). */
public interface PromptTemplateAnnouncer {
    Uni<Void> announce(PromptTemplate template);
}
