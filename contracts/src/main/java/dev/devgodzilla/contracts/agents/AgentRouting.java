package dev.devgodzilla.contracts.agents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which agent runs a step whose request names none, owned by registry-service and announced on the compacted
 * {@code agent-routing} topic (one record, key {@value #KEY}): assignments by project and task type first, then
 * the default agent per task type, then the default agent.
 *
 * @param version      the number of the API's latest change, 0 while there is none
 * @param defaultAgent the agent of steps nothing else decides; null leaves it to execution-service's setting
 * @param byTaskType   per task type ({@code plan}, {@code execute}, {@code qa}, ...), its default agent
 * @param assignments  rules, the most specific match wins (project and task type, then project, then task type)
 */
public record AgentRouting(Integer schemaVersion, long version, Instant changedAt, String defaultAgent,
                           Map<String, String> byTaskType, List<Assignment> assignments) {
    public static final int SCHEMA_VERSION = 1;
    public static final String KEY = "routing";
    public static final AgentRouting NONE = new AgentRouting(SCHEMA_VERSION, 0, null, null, Map.of(), List.of());

    public AgentRouting {
        byTaskType = byTaskType == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(byTaskType));
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
    }

    /** One rule: steps of {@code projectId} and/or of {@code taskType} (null: any) go to {@code agentId}. */
    public record Assignment(String projectId, String taskType, String agentId) {
    }

    /** The agent chosen, and where the choice came from (for the step's timeline). */
    public record Choice(String agentId, String source) {
    }

    /** The agent for a step of {@code projectId} and {@code taskType} (each may be null), if these rules decide. */
    public Optional<Choice> choose(String projectId, String taskType) {
        Assignment best = null;
        int bestScore = -1;
        for (Assignment a : assignments) {
            boolean projectMatches = a.projectId() == null || a.projectId().equals(projectId);
            boolean typeMatches = a.taskType() == null || a.taskType().equals(taskType);
            if (!projectMatches || !typeMatches) {
                continue;
            }
            int score = (a.projectId() != null ? 2 : 0) + (a.taskType() != null ? 1 : 0);
            if (score > bestScore) {
                best = a;
                bestScore = score;
            }
        }
        if (best != null) {
            return Optional.of(new Choice(best.agentId(), "assignment" + describe(best)));
        }
        if (taskType != null && byTaskType.containsKey(taskType)) {
            return Optional.of(new Choice(byTaskType.get(taskType), "the default agent of task type " + taskType));
        }
        return defaultAgent == null ? Optional.empty() : Optional.of(new Choice(defaultAgent, "the default agent"));
    }

    /** Why these rules cannot be used (an unknown agent, a rule that matches everything), or an empty list. */
    public List<String> problems(Predicate<String> knownAgent) {
        List<String> problems = new ArrayList<>();
        if (defaultAgent != null && !knownAgent.test(defaultAgent)) {
            problems.add("defaultAgent: no agent '" + defaultAgent + "'");
        }
        byTaskType.forEach((type, agent) -> {
            if (!knownAgent.test(agent)) {
                problems.add("byTaskType." + type + ": no agent '" + agent + "'");
            }
        });
        for (int i = 0; i < assignments.size(); i++) {
            Assignment a = assignments.get(i);
            if (a.agentId() == null || !knownAgent.test(a.agentId())) {
                problems.add("assignments[" + i + "].agentId: no agent '" + a.agentId() + "'");
            }
            if (a.projectId() == null && a.taskType() == null) {
                problems.add("assignments[" + i + "]: names neither a projectId nor a taskType (use defaultAgent)");
            }
        }
        return problems;
    }

    private static String describe(Assignment a) {
        List<String> parts = new ArrayList<>();
        if (a.projectId() != null) {
            parts.add("project " + a.projectId());
        }
        if (a.taskType() != null) {
            parts.add("task type " + a.taskType());
        }
        return " (" + String.join(", ", parts) + ")";
    }
}
