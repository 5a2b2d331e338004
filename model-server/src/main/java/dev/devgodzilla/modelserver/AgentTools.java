package dev.devgodzilla.modelserver;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The tool calls by which each real agent CLI writes a file with its own tool, as a model would ask for them:
 * the tool names and argument shapes differ per CLI.
 */
public final class AgentTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AgentTools() {
    }

    /** The turn that makes {@code agentId} write {@code content} to {@code file} (an absolute path). */
    public static Turn writeFile(String agentId, Path file, String content) {
        String path = file.toString();
        return switch (agentId) {
            case "claude-code", "codebuddy" -> Turn.toolCall("Write", args("file_path", path, "content", content));
            // Codex edits through apply_patch, relative to its working directory
            case "codex" -> Turn.toolCall("exec_command", args("cmd", "apply_patch <<'PATCH'\n*** Begin Patch\n"
                    + "*** Add File: " + file.getFileName() + "\n+" + content + "\n*** End Patch\nPATCH\n"));
            case "opencode", "kilocode" -> Turn.toolCall("write", args("filePath", path, "content", content));
            case "gemini-cli", "qwen" -> Turn.toolCall("write_file", args("file_path", path, "content", content));
            case "copilot" -> Turn.toolCall("create", args("path", path, "file_text", content));
            default -> throw new IllegalArgumentException("no write tool is known for agent " + agentId);
        };
    }

    private static String args(String... namesAndValues) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return node.toString();
    }
}
