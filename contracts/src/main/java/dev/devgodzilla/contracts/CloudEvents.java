package dev.devgodzilla.contracts;

import dev.devgodzilla.contracts.agents.AgentConfiguration;
import dev.devgodzilla.contracts.agents.AgentRouting;
import dev.devgodzilla.contracts.messages.AgentAvailability;
import dev.devgodzilla.contracts.messages.QaJob;
import dev.devgodzilla.contracts.messages.QaJobResult;
import dev.devgodzilla.contracts.messages.QaResult;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepCommand;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFeedback;
import dev.devgodzilla.contracts.messages.StepLogChunk;
import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.messages.WorkerHeartbeat;

/**
 * CloudEvents binary-mode header names and the event type of each message, so a consumer in any
 * language can tell what a record is without parsing its body.
 */
public final class CloudEvents {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    private static final String PREFIX = "dev.devgodzilla.";

    private CloudEvents() {
    }

    /** The CloudEvents {@code type} of a message, e.g. {@code dev.devgodzilla.step.completed}. */
    public static String typeOf(Object message) {
        return PREFIX + switch (message) {
            case StepRequest r -> "step.requested";
            case SandboxJob j -> "sandbox.job";
            case StepEvent e -> "step." + e.type().wireName();
            case StepLogChunk c -> "step.log";
            case StepCommand c -> "step.command";
            case StepFeedback f -> "step.feedback";
            case WorkerHeartbeat h -> "worker.heartbeat";
            case AgentAvailability a -> "agent.availability";
            case AgentConfiguration c -> "agent.config";
            case AgentRouting r -> "agent.routing";
            case dev.devgodzilla.contracts.agents.ProjectAgentConfig p -> "agent.project.config";
            case dev.devgodzilla.contracts.prompts.PromptTemplate t -> "prompt.template";
            case QaResult q -> "qa.result";
            case QaJob j -> "qa.job";
            case QaJobResult r -> "qa.job.result";
            default -> throw new IllegalArgumentException("not a bus message: " + message.getClass());
        };
    }
}
