package dev.devgodzilla.registry.domain;

import java.time.Instant;

/**
 * One change of an agent's configuration through the API: the fields it sets over the agent's built-in and
 * agents.yaml definition, whether the agent exists only through the API, and whether that agent was removed.
 */
public class AgentConfigVersion {
    public String agentId;

    public long version;

    /** A JSON object of the fields set, named as in agents.yaml. */
    public String fields;

    public boolean registered;

    public boolean removed;

    public Instant changedAt;

    public String changedBy;
}
