package dev.devgodzilla.registry.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.registry.domain.PromptTemplateVersion;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Reads and writes the {@code prompt_template_versions} table. */
@ApplicationScoped
public class PromptTemplateVersionRepository
        implements PanacheRepositoryBase<PromptTemplateVersion, PromptTemplateVersion.Key> {

    /** The latest version of {@code name}, or null when it was never stored. */
    public Uni<PromptTemplateVersion> latest(String name) {
        return find("name = ?1 order by version desc", name).firstResult();
    }

    /** The latest version of every template ever stored, removed ones included, by name. */
    public Uni<List<PromptTemplateVersion>> latestOfEach() {
        return list("from PromptTemplateVersion v where v.version = "
                + "(select max(w.version) from PromptTemplateVersion w where w.name = v.name) order by v.name");
    }
}
