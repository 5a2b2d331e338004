package dev.devgodzilla.registry.service;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentRouting;
import dev.devgodzilla.registry.domain.AgentRoutingVersion;
import dev.devgodzilla.registry.repository.AgentRoutingVersionRepository;
import dev.devgodzilla.support.sql.SqlRows;
import dev.devgodzilla.support.rest.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Owns the agent routing (which agent runs a step that names none): each change is a version in PostgreSQL,
 * announced on {@code agent-routing}, from where execution-service applies it.
 */
@ApplicationScoped
public class AgentRoutingService {
    private final Pool db;
    private final AgentRoutingVersionRepository versions;
    private final AgentRoutingAnnouncer announcer;

    public AgentRoutingService(Pool db, AgentRoutingVersionRepository versions, AgentRoutingAnnouncer announcer) {
        this.db = db;
        this.versions = versions;
        this.announcer = announcer;
    }

    /** The routing in force; {@link AgentRouting#NONE} before the first change. */
    public Uni<AgentRouting> current() {
        return versions.latest(db).map(AgentRoutingService::routingOf);
    }

    /**
     * Stores {@code change} applied to the routing in force as its next version, and announces it.
     *
     * @param expectedVersion the version the caller changed ({@code If-Match}), null for whatever is current
     * @throws ProblemException 412 a version other than expected, 400 an unknown agent or a rule without a match
     */
    public Uni<AgentRouting> change(UnaryOperator<AgentRouting> change, Long expectedVersion, String changedBy) {
        return db.withTransaction(tx -> versions.latest(tx).chain(latest -> {
            AgentRouting current = routingOf(latest);
            if (expectedVersion != null && expectedVersion != current.version()) {
                throw new ProblemException(412, "Routing changed", "the agent routing is at version "
                        + current.version() + ", not " + expectedVersion + "; read it again and apply your change");
            }
            AgentRouting changed = change.apply(current);
            List<String> problems = changed.problems(AgentCatalog::contains);
            if (!problems.isEmpty()) {
                throw new ProblemException(400, "Invalid agent routing", String.join("; ", problems));
            }
            Instant now = Instant.now();
            AgentRouting next = new AgentRouting(AgentRouting.SCHEMA_VERSION, current.version() + 1, now,
                    changed.defaultAgent(), changed.byTaskType(), changed.assignments());
            AgentRoutingVersion row = new AgentRoutingVersion();
            row.version = next.version();
            row.routing = Json.write(next);
            row.changedAt = now;
            row.changedBy = changedBy;
            return versions.insert(tx, row).replaceWith(next);
        })).onFailure(SqlRows::duplicateKey).transform(e -> ConcurrentChange.refused("the agent routing")).call(announcer::announce);
    }

    /** Announces the routing in force (at start, and now and then to repair a lost record). */
    public Uni<Void> announce() {
        return current().chain(announcer::announce);
    }

    private static AgentRouting routingOf(AgentRoutingVersion row) {
        return row == null ? AgentRouting.NONE : Json.read(row.routing, AgentRouting.class);
    }
}
