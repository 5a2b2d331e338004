package dev.devgodzilla.contracts;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kafka topic names of the execution layer: the only place they are spelled out. */
public final class Topics {
    /** Steps submitted by producers; key {@code stepId}. */
    public static final String STEP_REQUESTS = "step-requests";
    /** Prefix of the per-agent job topics ({@code sandbox-jobs.<agentId>}); key {@code stepId}. */
    public static final String SANDBOX_JOBS_PREFIX = "sandbox-jobs.";
    /** Lifecycle events of steps (started, completed, failed, blocked, pending); key {@code stepId}. */
    public static final String STEP_EVENTS = "step-events";
    /** Live output chunks of running steps; key {@code stepId}. */
    public static final String STEP_LOGS = "step-logs";
    /** Commands to running steps (cancel); key {@code stepId}. */
    public static final String STEP_COMMANDS = "step-commands";
    /** Blocked steps that their planner must re-specify or re-plan ({@code StepFeedback}); key {@code stepId}. */
    public static final String STEP_FEEDBACK = "step-feedback";
    /** Periodic heartbeats of sandbox workers; key {@code workerId}. */
    public static final String WORKER_HEARTBEATS = "worker-heartbeats";
    /** Which agents can run right now; compacted, key {@code agentId}. */
    public static final String AGENT_AVAILABILITY = "agent-availability";
    /** The effective configuration of each agent, owned by registry-service; compacted, key {@code agentId}. */
    public static final String AGENT_CONFIG = "agent-config";
    /**
     * What each project changes of an agent's configuration, owned by registry-service; compacted, key
     * {@code <projectId>/<agentId>}.
     */
    public static final String AGENT_PROJECT_CONFIG = "agent-project-config";
    /** Which agent runs a step that names none; compacted, one record (key {@code routing}), from registry-service. */
    public static final String AGENT_ROUTING = "agent-routing";
    /** The prompt templates, owned by registry-service; compacted, key: the template's name. */
    public static final String PROMPT_TEMPLATES = "prompt-templates";
    /** Results of QA gates; key {@code stepId}. */
    public static final String QA_RESULTS = "qa-results";
    /** Check commands for the worker holding a step's workspace; key {@code stepId}. */
    public static final String QA_JOBS = "qa-jobs";
    /** What the workers' sandboxed checks found; key {@code stepId}. */
    public static final String QA_JOB_RESULTS = "qa-job-results";

    /** Suffix of the dead-letter topic that every consumed topic has. */
    public static final String DLQ_SUFFIX = ".dlq";
    /** The one dead-letter topic of the workers' job consumer, whichever agent's job topic a record came from. */
    public static final String JOBS_DLQ = SANDBOX_JOBS_PREFIX + "dummy" + DLQ_SUFFIX;

    private Topics() {
    }

    /** The job topic that workers able to run {@code agentId} consume. */
    public static String jobsFor(String agentId) {
        return SANDBOX_JOBS_PREFIX + agentId;
    }

    /** The dead-letter topic of {@code topic}. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** Whether {@code topic} keeps only the latest record per key (the last word on each agent). */
    public static boolean isCompacted(String topic) {
        return AGENT_AVAILABILITY.equals(topic) || AGENT_CONFIG.equals(topic) || AGENT_ROUTING.equals(topic)
                || PROMPT_TEMPLATES.equals(topic) || AGENT_PROJECT_CONFIG.equals(topic);
    }

    /** Topics with a fixed name: every topic but the per-agent job topics. */
    public static List<String> fixed() {
        return List.of(STEP_REQUESTS, STEP_EVENTS, STEP_LOGS, STEP_COMMANDS, STEP_FEEDBACK, WORKER_HEARTBEATS,
                AGENT_AVAILABILITY, AGENT_CONFIG, AGENT_PROJECT_CONFIG, AGENT_ROUTING, PROMPT_TEMPLATES, QA_RESULTS,
                QA_JOBS, QA_JOB_RESULTS, dlq(STEP_REQUESTS), dlq(STEP_EVENTS), dlq(STEP_LOGS), dlq(QA_RESULTS),
                dlq(WORKER_HEARTBEATS), dlq(QA_JOBS), dlq(QA_JOB_RESULTS), dlq(STEP_COMMANDS),
                dlq(AGENT_AVAILABILITY), dlq(AGENT_CONFIG), dlq(AGENT_ROUTING), dlq(PROMPT_TEMPLATES),
                dlq(AGENT_PROJECT_CONFIG), JOBS_DLQ);
    }

    /**
     * Every topic the layer uses with the agents {@code agentIds}: the fixed ones and, per agent, its job topic
     * and that topic's DLQ (a worker sends a malformed job to the DLQ of the topic it came from).
     * Kubernetes, compose and the local and test brokers declare exactly these, none is created on demand.
     */
    public static List<String> declared(Collection<String> agentIds) {
        Set<String> all = new LinkedHashSet<>(fixed());
        agentIds.stream().sorted().forEach(id -> all.addAll(jobTopicsOf(id)));
        return List.copyOf(all);
    }

    /** The topics an agent's jobs need: its job topic and the job topic's DLQ. */
    public static List<String> jobTopicsOf(String agentId) {
        return List.of(jobsFor(agentId), dlq(jobsFor(agentId)));
    }

    /** How many partitions {@code topic} has where the layer declares it: the busy step topics 12, others 3. */
    public static int partitions(String topic) {
        boolean busy = !topic.endsWith(DLQ_SUFFIX) && (topic.startsWith(SANDBOX_JOBS_PREFIX)
                || List.of(STEP_REQUESTS, STEP_EVENTS, STEP_LOGS, STEP_COMMANDS, QA_RESULTS, QA_JOBS, QA_JOB_RESULTS)
                .contains(topic));
        return busy ? 12 : 3;
    }

    /** The topic settings {@code topic} is declared with besides its defaults. */
    public static Map<String, String> config(String topic) {
        if (isCompacted(topic)) {
            return Map.of("cleanup.policy", "compact");
        }
        return switch (topic) {
            // live output is read back within the week; heartbeats and check answers within minutes
            case STEP_LOGS -> Map.of("retention.ms", "604800000");
            case WORKER_HEARTBEATS, QA_JOB_RESULTS -> Map.of("retention.ms", "3600000");
            default -> Map.of();
        };
    }
}
