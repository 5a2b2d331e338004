package dev.devgodzilla.contracts.messages;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A step of a development plan to be run by an agent; produced on {@code step-requests}, keyed by
 * {@code stepId}. Only {@code stepId} and {@code task} are required; everything else has a default.
 *
 * @param stepId        the producer's id of the step; repeating it never runs the step twice
 * @param agentId       the agent to run (default: the configured default agent)
 * @param model         model for the agent (default: the agent's default model)
 * @param task          what the agent is asked to do
 * @param context       background the prompt carries
 * @param dependencies  what earlier steps produced that this one builds on
 * @param instructions  constraints for the agent
 * @param workspace     directory the agent works in (default: a fresh one per step), or {@code step:<id>}: the
 *                      workspace of step {@code <id>}, one of its dependencies, with that step's changes in it
 * @param sandboxMode   isolation asked for (default: the agent's configured mode)
 * @param timeoutSeconds wall-clock limit of one attempt
 * @param qaCommand     command the first QA gate runs in the workspace (default: configured)
 * @param setupCommand  command run before the agent in the sandbox's setup phase (network on), e.g. installs
 * @param promptTemplate the prompt template that turns the request into the agent's prompt (default: the one
 *                      named after the task type, else {@code default})
 */
public record StepRequest(
        Integer schemaVersion,
        String eventId,
        Instant occurredAt,
        String stepId,
        String planId,
        String projectId,
        String agentId,
        String model,
        String taskType,
        String task,
        String context,
        List<String> dependencies,
        String instructions,
        String workspace,
        SandboxMode sandboxMode,
        Integer timeoutSeconds,
        String qaCommand,
        Map<String, String> labels,
        String setupCommand,
        String promptTemplate) {

    public static final int SCHEMA_VERSION = 1;

    /** A request that names no prompt template (the one of its task type, else {@code default}, applies). */
    public StepRequest(Integer schemaVersion, String eventId, Instant occurredAt, String stepId, String planId,
                       String projectId, String agentId, String model, String taskType, String task, String context,
                       List<String> dependencies, String instructions, String workspace, SandboxMode sandboxMode,
                       Integer timeoutSeconds, String qaCommand, Map<String, String> labels, String setupCommand) {
        this(schemaVersion, eventId, occurredAt, stepId, planId, projectId, agentId, model, taskType, task, context,
                dependencies, instructions, workspace, sandboxMode, timeoutSeconds, qaCommand, labels, setupCommand,
                null);
    }

    /** A request with only the required fields and the given agent. */
    public static StepRequest of(String stepId, String agentId, String task) {
        return new StepRequest(SCHEMA_VERSION, Ids.newEventId(), Instant.now(), stepId, null, null, agentId,
                null, null, task, null, null, null, null, null, null, null, null, null);
    }

    public StepRequest withWorkspace(String dir) {
        return new StepRequest(schemaVersion, eventId, occurredAt, stepId, planId, projectId, agentId, model,
                taskType, task, context, dependencies, instructions, dir, sandboxMode, timeoutSeconds, qaCommand,
                labels, setupCommand, promptTemplate);
    }

    public StepRequest withQaCommand(String command) {
        return new StepRequest(schemaVersion, eventId, occurredAt, stepId, planId, projectId, agentId, model,
                taskType, task, context, dependencies, instructions, workspace, sandboxMode, timeoutSeconds, command,
                labels, setupCommand, promptTemplate);
    }

    public StepRequest withSetupCommand(String command) {
        return new StepRequest(schemaVersion, eventId, occurredAt, stepId, planId, projectId, agentId, model,
                taskType, task, context, dependencies, instructions, workspace, sandboxMode, timeoutSeconds, qaCommand,
                labels, command, promptTemplate);
    }

    public StepRequest withSandboxMode(SandboxMode mode) {
        return new StepRequest(schemaVersion, eventId, occurredAt, stepId, planId, projectId, agentId, model,
                taskType, task, context, dependencies, instructions, workspace, mode, timeoutSeconds, qaCommand,
                labels, setupCommand, promptTemplate);
    }

    public StepRequest withProjectId(String project) {
        return new StepRequest(schemaVersion, eventId, occurredAt, stepId, planId, project, agentId, model,
                taskType, task, context, dependencies, instructions, workspace, sandboxMode, timeoutSeconds, qaCommand,
                labels, setupCommand, promptTemplate);
    }

    public StepRequest withTimeoutSeconds(Integer seconds) {
        return new StepRequest(schemaVersion, eventId, occurredAt, stepId, planId, projectId, agentId, model,
                taskType, task, context, dependencies, instructions, workspace, sandboxMode, seconds, qaCommand,
                labels, setupCommand, promptTemplate);
    }
}
