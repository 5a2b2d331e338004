package dev.devgodzilla.registry.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.prompts.PromptRenderer;
import dev.devgodzilla.contracts.prompts.PromptTemplate;
import dev.devgodzilla.registry.domain.PromptTemplateVersion;
import dev.devgodzilla.registry.repository.PromptTemplateVersionRepository;
import dev.devgodzilla.support.sql.SqlRows;
import dev.devgodzilla.support.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Owns the prompt templates: each change is a version in PostgreSQL, checked by rendering it before it is
 * stored, and announced on {@code prompt-templates}, from where execution-service applies it. The built-in
 * {@value PromptTemplate#DEFAULT} is in force until the API replaces it, and comes back when that is removed.
 */
@ApplicationScoped
public class PromptTemplateService {
    private final Pool db;
    private final PromptTemplateVersionRepository versions;
    private final PromptTemplateAnnouncer announcer;

    public PromptTemplateService(Pool db, PromptTemplateVersionRepository versions,
                                 PromptTemplateAnnouncer announcer) {
        this.db = db;
        this.versions = versions;
        this.announcer = announcer;
    }

    /** A change stored: the template as it is now, and whether the change created it. */
    public record Stored(PromptTemplate template, boolean created) {
    }

    /** The templates in force, by name. */
    public Uni<List<PromptTemplate>> all() {
        return everyAnnouncement().map(all -> all.stream()
                .map(t -> t.removed() && t.name().equals(PromptTemplate.DEFAULT) ? PromptTemplate.BUILT_IN : t)
                .filter(t -> !t.removed()).toList());
    }

    /** The template {@code name} in force. @throws ProblemException 404 when there is none */
    public Uni<PromptTemplate> find(String name) {
        checkName(name);
        return versions.latest(db, name).map(latest -> {
            PromptTemplate current = inForce(name, latest);
            if (current == null) {
                throw unknown(name);
            }
            return current;
        });
    }

    /**
     * Stores {@code text} as the next version of {@code name} (creating it when there is none) and announces it.
     *
     * @param expectedVersion the version the caller changed ({@code If-Match}), null for whatever is current
     * @throws ProblemException 400 a name or text it cannot take, 412 a version other than expected
     */
    public Uni<Stored> put(String name, String description, String text, Long expectedVersion, String changedBy) {
        checkName(name);
        String problem = PromptRenderer.problem(text);
        if (problem != null) {
            throw new ProblemException(400, "Invalid prompt template", "text: " + problem);
        }
        if (description != null && description.length() > 1000) {
            throw new ProblemException(400, "Invalid prompt template", "description: longer than 1000 characters");
        }
        return db.withTransaction(tx -> versions.latest(tx, name).chain(latest -> {
            PromptTemplate current = inForce(name, latest);
            checkVersion(name, current, expectedVersion);
            PromptTemplateVersion next = nextVersion(name, latest, changedBy);
            next.description = description;
            next.text = text;
            boolean created = current == null;
            return versions.insert(tx, next).replaceWith(new Stored(next.template(), created));
        })).onFailure(SqlRows::duplicateKey).transform(e -> ConcurrentChange.refused("prompt template '" + name + "'"))
                .call(stored -> announcer.announce(stored.template()));
    }

    /**
     * Removes {@code name}; for {@value PromptTemplate#DEFAULT} the built-in text comes back.
     *
     * @return the removal as announced
     * @throws ProblemException 404 no such template, 409 the built-in default, 412 a version other than expected
     */
    public Uni<PromptTemplate> remove(String name, Long expectedVersion, String changedBy) {
        checkName(name);
        return db.withTransaction(tx -> versions.latest(tx, name).chain(latest -> {
            PromptTemplate current = inForce(name, latest);
            if (current == null) {
                throw unknown(name);
            }
            if (current.builtIn()) {
                throw new ProblemException(409, "Template is built in", "the built-in '" + PromptTemplate.DEFAULT
                        + "' template cannot be removed; change it with PUT /prompt-templates/" + name);
            }
            checkVersion(name, current, expectedVersion);
            PromptTemplateVersion next = nextVersion(name, latest, changedBy);
            next.text = "";
            next.removed = true;
            return versions.insert(tx, next).replaceWith(next.template());
        })).onFailure(SqlRows::duplicateKey).transform(e -> ConcurrentChange.refused("prompt template '" + name + "'"))
                .call(announcer::announce);
    }

    /**
     * Announces every template, removed ones as removed (at start, and now and then to repair a lost record); a
     * removed {@value PromptTemplate#DEFAULT} means the built-in one to whoever reads it.
     */
    public Uni<Void> announceAll() {
        return everyAnnouncement().chain(all -> Uni.join().all(all.stream().map(announcer::announce).toList())
                .andCollectFailures()).replaceWithVoid();
    }

    private Uni<List<PromptTemplate>> everyAnnouncement() {
        return versions.latestOfEach(db).map(latest -> {
            List<PromptTemplate> all = new ArrayList<>();
            if (latest.stream().noneMatch(v -> v.name.equals(PromptTemplate.DEFAULT))) {
                all.add(PromptTemplate.BUILT_IN);
            }
            latest.forEach(v -> all.add(v.template()));
            return all;
        });
    }

    /** The template of {@code name} given its latest stored version, null when there is none. */
    private static PromptTemplate inForce(String name, PromptTemplateVersion latest) {
        if (latest != null && !latest.removed) {
            return latest.template();
        }
        return name.equals(PromptTemplate.DEFAULT) ? PromptTemplate.BUILT_IN : null;
    }

    private static void checkVersion(String name, PromptTemplate current, Long expectedVersion) {
        if (expectedVersion == null) {
            return;
        }
        if (current == null) {
            throw new ProblemException(412, "Template does not exist", "prompt template '" + name
                    + "' does not exist; create it without If-Match");
        }
        if (expectedVersion != current.version()) {
            throw new ProblemException(412, "Template changed", "prompt template '" + name + "' is at version "
                    + current.version() + ", not " + expectedVersion + "; read it again and apply your change");
        }
    }

    private static PromptTemplateVersion nextVersion(String name, PromptTemplateVersion latest, String changedBy) {
        PromptTemplateVersion next = new PromptTemplateVersion();
        next.name = name;
        next.version = latest == null ? 1 : latest.version + 1;
        next.changedAt = Instant.now();
        next.changedBy = changedBy;
        return next;
    }

    private static void checkName(String name) {
        if (name == null || !PromptTemplate.NAME.matcher(name).matches()) {
            throw new ProblemException(400, "Invalid template name", "name must be 1 to 64 lower-case letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit; got "
                    + (name == null ? "none" : "'" + name + "'"));
        }
    }

    private static ProblemException unknown(String name) {
        return new ProblemException(404, "Template not found", "no prompt template '" + name + "'; list them with"
                + " GET /prompt-templates, create it with PUT /prompt-templates/" + name);
    }
}
