package dev.devgodzilla.contracts;

import dev.devgodzilla.contracts.agents.AgentConfiguration;
import dev.devgodzilla.contracts.agents.AgentRouting;
import dev.devgodzilla.contracts.agents.ProjectAgentConfig;
import dev.devgodzilla.contracts.messages.AgentAvailability;
import dev.devgodzilla.contracts.messages.QaJob;
import dev.devgodzilla.contracts.messages.QaJobResult;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepBlocked;
import dev.devgodzilla.contracts.messages.StepCommand;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.contracts.messages.StepFeedback;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import dev.devgodzilla.contracts.messages.StepPending;
import dev.devgodzilla.contracts.messages.StepPickedUp;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.StepStarted;
import dev.devgodzilla.contracts.messages.WorkerHeartbeat;
import dev.devgodzilla.contracts.prompts.PromptTemplate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a topic carries: the message records, the CloudEvents {@code type} ({@code ce_type} header) of each, and
 * what its Kafka key is. A dead-letter topic carries the records of the topic it belongs to unchanged (key, value
 * and headers), with SmallRye's {@code dead-letter-*} headers added. {@code docs/asyncapi.yaml} is generated from
 * this.
 *
 * @param topic    the topic, as {@link Topics} names it
 * @param key      how the record key is made: {@code {component}} stands for that component of the record,
 *                 anything else is literal ({@code {stepId}}, {@code {projectId}/{agentId}}, {@code routing})
 * @param messages the records it carries, in a stable order
 */
public record TopicMessages(String topic, String key, List<Carried> messages) {

    /** One record class a topic carries, and the CloudEvents {@code type} its records are sent with. */
    public record Carried(Class<? extends Record> record, String type) {
    }

    private static final String STEP_ID = "{stepId}";
    private static final String AGENT_ID = "{agentId}";

    /** Per topic records are sent to (the job topics under their prefix), what it carries. */
    private static final Map<String, TopicMessages> BY_TOPIC = index(List.of(
            entry(Topics.STEP_REQUESTS, STEP_ID, carried(StepRequest.class, "step.requested")),
            entry(Topics.SANDBOX_JOBS_PREFIX, STEP_ID, carried(SandboxJob.class, "sandbox.job")),
            entry(Topics.STEP_EVENTS, STEP_ID,
                    carried(StepStarted.class, "step.started"),
                    carried(StepCompleted.class, "step.completed"),
                    carried(StepFailed.class, "step.failed"),
                    carried(StepBlocked.class, "step.blocked"),
                    carried(StepPending.class, "step.pending"),
                    carried(StepPickedUp.class, "step.picked-up")),
            entry(Topics.STEP_LOGS, STEP_ID, carried(StepLogChunk.class, "step.log")),
            entry(Topics.STEP_COMMANDS, STEP_ID, carried(StepCommand.class, "step.command")),
            entry(Topics.STEP_FEEDBACK, STEP_ID, carried(StepFeedback.class, "step.feedback")),
            entry(Topics.WORKER_HEARTBEATS, "{workerId}", carried(WorkerHeartbeat.class, "worker.heartbeat")),
            entry(Topics.AGENT_AVAILABILITY, AGENT_ID, carried(AgentAvailability.class, "agent.availability")),
            entry(Topics.AGENT_CONFIG, AGENT_ID, carried(AgentConfiguration.class, "agent.config")),
            entry(Topics.AGENT_PROJECT_CONFIG, "{projectId}/{agentId}",
                    carried(ProjectAgentConfig.class, "agent.project.config")),
            entry(Topics.AGENT_ROUTING, AgentRouting.KEY, carried(AgentRouting.class, "agent.routing")),
            entry(Topics.PROMPT_TEMPLATES, "{name}", carried(PromptTemplate.class, "prompt.template")),
            entry(Topics.QA_RESULTS, STEP_ID, carried(QaResult.class, "qa.result")),
            entry(Topics.QA_JOBS, STEP_ID, carried(QaJob.class, "qa.job")),
            entry(Topics.QA_JOB_RESULTS, STEP_ID, carried(QaJobResult.class, "qa.job.result"))));

    public TopicMessages {
        messages = List.copyOf(messages);
    }

    /**
     * What {@code topic} carries: a declared topic of {@link Topics} (dead-letter topics included), or the job topic
     * of an agent ({@link Topics#jobsFor}) or its DLQ; empty for a topic the layer does not declare.
     */
    public static Optional<TopicMessages> of(String topic) {
        String original = topic.endsWith(Topics.DLQ_SUFFIX)
                ? topic.substring(0, topic.length() - Topics.DLQ_SUFFIX.length()) : topic;
        if (original.startsWith(Topics.SANDBOX_JOBS_PREFIX) && !original.endsWith(Topics.DLQ_SUFFIX)
                && original.length() > Topics.SANDBOX_JOBS_PREFIX.length()) {
            return Optional.of(BY_TOPIC.get(Topics.SANDBOX_JOBS_PREFIX).on(topic));
        }
        if (!Topics.fixed().contains(topic)) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_TOPIC.get(original)).map(t -> t.on(topic));
    }

    /** Whether this is a dead-letter topic: its records are those of another topic that a consumer gave up on. */
    public boolean deadLetter() {
        return topic.endsWith(Topics.DLQ_SUFFIX);
    }

    private TopicMessages on(String name) {
        return new TopicMessages(name, key, messages);
    }

    private static TopicMessages entry(String topic, String key, Carried... messages) {
        return new TopicMessages(topic, key, List.of(messages));
    }

    /** Spelled as {@link CloudEvents#typeOf} spells it; a contracts test holds the two together. */
    private static Carried carried(Class<? extends Record> record, String type) {
        return new Carried(record, "dev.devgodzilla." + type);
    }

    private static Map<String, TopicMessages> index(List<TopicMessages> all) {
        return all.stream().collect(Collectors.toUnmodifiableMap(TopicMessages::topic, t -> t));
    }
}
