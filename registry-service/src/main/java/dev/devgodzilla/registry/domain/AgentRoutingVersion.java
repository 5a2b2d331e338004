package dev.devgodzilla.registry.domain;

import java.time.Instant;

/** One version of the agent routing, as the JSON of its {@code AgentRouting} document. */
public class AgentRoutingVersion {
    public long version;

    public String routing;

    public Instant changedAt;

    public String changedBy;
}
