package dev.devgodzilla.execution.messaging;

import dev.devgodzilla.contracts.Topics;

/** Names of the messaging channels (each reads or writes the topic of the same name). */
public final class Channels {
    public static final String STEP_REQUESTS = Topics.STEP_REQUESTS;
    public static final String STEP_EVENTS = Topics.STEP_EVENTS;
    public static final String STEP_LOGS = Topics.STEP_LOGS;
    public static final String WORKER_HEARTBEATS = Topics.WORKER_HEARTBEATS;
    public static final String QA_RESULTS = Topics.QA_RESULTS;
    public static final String AGENT_AVAILABILITY = Topics.AGENT_AVAILABILITY;
    public static final String AGENT_ROUTING = Topics.AGENT_ROUTING;
    public static final String PROMPT_TEMPLATES = Topics.PROMPT_TEMPLATES;
    public static final String AGENT_PROJECT_CONFIG = Topics.AGENT_PROJECT_CONFIG;
    /** Outgoing: the outbox relay; the topic is set per record. */
    public static final String OUTBOX = "outbox";

    private Channels() {
    }
}
