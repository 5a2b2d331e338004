package dev.devgodzilla.registry.domain;

import java.time.Instant;
import java.util.List;

/**
 * The registry's view of one catalogue agent at a moment.
 *
 * @param workers   ids of the live workers that report the agent available, sorted
 * @param versions  distinct versions those workers report, sorted
 * @param checkedAt when the freshest of those workers last reported (or when the view was computed)
 */
public record AgentView(String agentId, boolean available, List<String> workers, List<String> versions,
                        String reason, Instant checkedAt, Long latencyMs) {

    /** Whether {@code other} differs in what consumers act on: the flag, the worker set or the versions. */
    public boolean changedFrom(AgentView other) {
        return other == null || available != other.available || !workers.equals(other.workers)
                || !versions.equals(other.versions);
    }
}
