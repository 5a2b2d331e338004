package dev.devgodzilla.worker.way.ide;

import java.util.ArrayList;
import java.util.List;

import dev.devgodzilla.contracts.messages.SandboxJob;

/**
 * A step as an IDE agent gets it in its command file.
 *
 * @param description  one line shown in the IDE's command list
 * @param task         what to do (the step's prompt)
 * @param context      facts about the step (project, task type, model), one per line; may be empty
 * @param instructions how to work, one per line; may be empty
 */
public record IdeCommand(String stepId, int attempt, String agentId, String description, String task,
                         String context, String instructions) {

    private static final int DESCRIPTION_MAX = 120;

    /** The command for one attempt of a job, with the layer's default working instructions. */
    public static IdeCommand of(SandboxJob job) {
        List<String> context = new ArrayList<>();
        context.add("Step: " + job.stepId() + " (attempt " + job.attempt() + ")");
        if (job.projectId() != null && !job.projectId().isBlank()) {
            context.add("Project: " + job.projectId());
        }
        context.add("Task type: " + (job.taskType() == null || job.taskType().isBlank() ? "execute" : job.taskType()));
        if (job.model() != null && !job.model().isBlank()) {
            context.add("Suggested model: " + job.model());
        }
        if (job.qaCommand() != null && !job.qaCommand().isBlank()) {
            context.add("QA check that must pass: `" + job.qaCommand() + "`");
        }
        String instructions = String.join("\n",
                "Work only inside this workspace.",
                "Keep changes focused on the task; do not commit or push.",
                "If you cannot go on without an answer, stop and report the step as blocked with your question.");
        return new IdeCommand(job.stepId(), job.attempt(), job.agentId(), describe(job.prompt()),
                job.prompt() == null ? "" : job.prompt(), String.join("\n", context), instructions);
    }

    /** The first line of the task, shortened, as the command's description. */
    static String describe(String prompt) {
        String first = prompt == null ? "" : prompt.strip().lines().findFirst().orElse("").strip();
        if (first.isEmpty()) {
            return "DevGodzilla step";
        }
        return first.length() <= DESCRIPTION_MAX ? first : first.substring(0, DESCRIPTION_MAX - 3) + "...";
    }
}
