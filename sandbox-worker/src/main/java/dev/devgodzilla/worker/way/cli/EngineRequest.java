package dev.devgodzilla.worker.way.cli;

import java.nio.file.Path;
import java.util.Map;

import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.worker.sandbox.RunHome;

/**
 * Everything an engine needs to prepare one run.
 *
 * @param job         the attempt
 * @param taskType    plan, execute or qa
 * @param workspace   the workspace, as the agent sees it
 * @param home        the run's private HOME
 * @param credentials the agent's configured credentials (already in the sandbox environment)
 * @param resumeSession the agent's session to resume, its store restored in {@code home}; null for a fresh run
 */
public record EngineRequest(SandboxJob job, TaskType taskType, Path workspace, RunHome home,
                            Map<String, String> credentials, String resumeSession) {

    public EngineRequest {
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    public EngineRequest(SandboxJob job, TaskType taskType, Path workspace, RunHome home,
                         Map<String, String> credentials) {
        this(job, taskType, workspace, home, credentials, null);
    }

    public EngineRequest withTaskType(TaskType type) {
        return new EngineRequest(job, type, workspace, home, credentials, resumeSession);
    }

    /** The prompt with the task type's framing. */
    public String framedPrompt() {
        return PromptFraming.frame(taskType, job.prompt());
    }

    /** The model of the job, or {@code fallback} when it names none. */
    public String modelOr(String fallback) {
        String model = job.model();
        return model == null || model.isBlank() || "none".equals(model) ? fallback : model;
    }
}
