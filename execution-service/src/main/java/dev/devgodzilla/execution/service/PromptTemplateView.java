package dev.devgodzilla.execution.service;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.prompts.PromptTemplate;

/**
 * The prompt templates registry-service announced last, by name (the newest version read of each wins); the
 * built-in {@value PromptTemplate#DEFAULT} until one replaces it.
 */
@ApplicationScoped
public class PromptTemplateView {
    private final Map<String, PromptTemplate> byName = new ConcurrentHashMap<>();

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
        boolean[] applied = {false};
        byName.compute(template.name(), (name, known) -> {
            if (known != null && known.version() > template.version()) {
                return known;
            }
            applied[0] = known == null || known.version() != template.version();
            return template;
        });
        return applied[0];
    }
}
