package dev.devgodzilla.worker.way.ide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.contracts.agents.PromptFormat;
import io.quarkus.logging.Log;

/**
 * Hands a step to an IDE agent: writes it as a command file into the agent's command directory in the
 * workspace, in the agent's format (Markdown with front matter, or Gemini-style TOML), telling the agent
 * to write its result to {@code dg-<stepId>.result.json} next to it.
 */
@ApplicationScoped
public class IdeCommandWriter {

    /** Writes (or replaces) the command file of {@code command} and returns its path. */
    public Path write(Path workspace, AgentMetadata agent, IdeCommand command) {
        Path dir = IdeFiles.commandDir(workspace, agent);
        PromptFormat format = agent.format() == PromptFormat.TOML ? PromptFormat.TOML : PromptFormat.MARKDOWN;
        Path file = IdeFiles.commandFile(dir, command.stepId(), format);
        String resultPath = workspace.normalize().relativize(IdeFiles.resultFile(dir, command.stepId())).toString();
        String text = format == PromptFormat.TOML ? toml(command, resultPath) : markdown(command, resultPath);
        try {
            Files.createDirectories(dir);
            // A result or marker of an earlier attempt would end this one at once.
            Files.deleteIfExists(IdeFiles.resultFile(dir, command.stepId()));
            Files.deleteIfExists(IdeFiles.pickedUpMarker(dir, command.stepId()));
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the command file " + file, e);
        }
        Log.infof("step %s handed to IDE agent %s as %s", command.stepId(), agent.id(), file);
        return file;
    }

    String markdown(IdeCommand command, String resultPath) {
        StringBuilder md = new StringBuilder();
        md.append("---\n");
        md.append("description: ").append(yamlScalar(command.description())).append('\n');
        md.append("---\n\n");
        md.append("## Task\n\n").append(command.task().strip()).append("\n\n");
        if (!command.context().isBlank()) {
            md.append("## Context\n\n").append(bullets(command.context())).append('\n');
        }
        if (!command.instructions().isBlank()) {
            md.append("## Instructions\n\n").append(bullets(command.instructions())).append('\n');
        }
        md.append("## When you are done\n\n").append(doneText(resultPath)).append('\n');
        return md.toString();
    }

    String toml(IdeCommand command, String resultPath) {
        StringBuilder prompt = new StringBuilder();
        prompt.append("## Task\n\n").append(command.task().strip()).append("\n\n");
        if (!command.context().isBlank()) {
            prompt.append("## Context\n\n").append(bullets(command.context())).append('\n');
        }
        if (!command.instructions().isBlank()) {
            prompt.append("## Instructions\n\n").append(bullets(command.instructions())).append('\n');
        }
        prompt.append("## When you are done\n\n").append(doneText(resultPath)).append('\n');
        return "description = " + TomlText.basic(command.description()) + "\n"
                + "prompt = " + TomlText.multiLine(prompt.toString()) + "\n";
    }

    static String doneText(String resultPath) {
        return "Write the file `" + resultPath + "` with exactly this JSON:\n\n"
                + "```json\n"
                + "{\"status\": \"done\", \"summary\": \"<what you changed>\", \"question\": null}\n"
                + "```\n\n"
                + "Use `\"status\": \"blocked\"` with your `question` if you need an answer to go on, or "
                + "`\"status\": \"failed\"` with the reason in `summary` if the task cannot be done.\n";
    }

    private static String bullets(String lines) {
        StringBuilder out = new StringBuilder();
        lines.lines().filter(l -> !l.isBlank()).forEach(l -> out.append("- ").append(l.strip()).append('\n'));
        return out.toString();
    }

    /** A double-quoted YAML scalar, so colons or quotes in the description cannot break the front matter. */
    private static String yamlScalar(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
