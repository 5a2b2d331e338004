package dev.devgodzilla.registry.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import dev.devgodzilla.contracts.prompts.PromptTemplate;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One change of a prompt template through the API: its text, or its removal. */
@Entity
@Table(name = "prompt_template_versions")
@IdClass(PromptTemplateVersion.Key.class)
public class PromptTemplateVersion extends PanacheEntityBase {
    @Id
    public String name;

    @Id
    public long version;

    public String description;

    public String text;

    public boolean removed;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    /** The template as the bus and the API carry it. */
    public PromptTemplate template() {
        return new PromptTemplate(PromptTemplate.SCHEMA_VERSION, name, version, changedAt, description, text, removed);
    }

    /** The primary key: a template and one of its versions. */
    public static class Key implements Serializable {
        public String name;
        public long version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.name, name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, version);
        }
    }
}
