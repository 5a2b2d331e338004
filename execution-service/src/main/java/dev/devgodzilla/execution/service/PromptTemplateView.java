package dev.devgodzilla.execution.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.prompts.PromptTemplate;

/**
 * The prompt templates registry-service announced last, by name (the newest version read of each wins); the
 * built-in {@value PromptTemplate#DEFAULT} until one replaces it.
 */
@ApplicationScoped
public class PromptTemplateView {
    private final NewestByKey<PromptTemplate> byName = new NewestByKey<>(PromptTemplate::version);

    /** The template of {@code name} in force, if there is one. */
    public Optional<PromptTemplate> find(String name) {
        PromptTemplate t = byName.get(name);
        if (t == null || t.removed()) {
            return name.equals(PromptTemplate.DEFAULT) ? Optional.of(PromptTemplate.BUILT_IN) : Optional.empty();
        }
        return Optional.of(t);
    }

    /** Applies {@code template} unless a newer version of it was applied already. */
    public boolean update(PromptTemplate template) {
        return byName.update(template.name(), template);
    }
}
