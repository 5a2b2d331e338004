package dev.devgodzilla.worker.way.ide;

import java.nio.file.Path;

import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.agents.PromptFormat;

/**
 * Where the files of an IDE step live: {@code <workspace>/<commandDir>/dg-<stepId>.md|.toml} for the
 * command, {@code dg-<stepId>.result.json} for the agent's result and {@code dg-<stepId>.picked-up} as
 * the optional marker an agent (or an IDE hook) leaves when it starts.
 */
public final class IdeFiles {
    public static final String PREFIX = "dg-";
    public static final String RESULT_SUFFIX = ".result.json";
    public static final String PICKED_UP_SUFFIX = ".picked-up";

    private IdeFiles() {
    }

    /** The agent's command directory inside the workspace. */
    public static Path commandDir(Path workspace, AgentMetadata agent) {
        if (agent.commandDir() == null || agent.commandDir().isBlank()) {
            throw new IllegalArgumentException("agent " + agent.id() + " has no command directory");
        }
        Path dir = workspace.resolve(agent.commandDir()).normalize();
        if (!dir.startsWith(workspace.normalize())) {
            throw new IllegalArgumentException("command directory " + agent.commandDir() + " of agent " + agent.id()
                    + " leaves the workspace");
        }
        return dir;
    }

    public static Path commandFile(Path commandDir, String stepId, PromptFormat format) {
        return commandDir.resolve(baseName(stepId) + (format == PromptFormat.TOML ? ".toml" : ".md"));
    }

    public static Path resultFile(Path commandDir, String stepId) {
        return commandDir.resolve(baseName(stepId) + RESULT_SUFFIX);
    }

    public static Path pickedUpMarker(Path commandDir, String stepId) {
        return commandDir.resolve(baseName(stepId) + PICKED_UP_SUFFIX);
    }

    /** {@code dg-<stepId>} with anything that is unsafe in a file name replaced by {@code _}. */
    public static String baseName(String stepId) {
        String safe = stepId == null ? "" : stepId.replaceAll("[^A-Za-z0-9._-]", "_");
        return PREFIX + (safe.isEmpty() ? "_" : safe);
    }
}
