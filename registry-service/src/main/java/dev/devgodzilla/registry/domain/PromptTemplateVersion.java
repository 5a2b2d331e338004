package dev.devgodzilla.registry.domain;

import java.time.Instant;

import dev.devgodzilla.contracts.prompts.PromptTemplate;

/** One change of a prompt template through the API: its text, or its removal. */
public class PromptTemplateVersion {
    public String name;

    public long version;

    public String description;

    public String text;

    public boolean removed;

    public Instant changedAt;

    public String changedBy;

    /** The template as the bus and the API carry it. */
    public PromptTemplate template() {
        return new PromptTemplate(PromptTemplate.SCHEMA_VERSION, name, version, changedAt, description, text, removed);
    }
}
