package dev.devgodzilla.worker.way.ide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;

class IdeCommandWriterTest {
    private final IdeCommandWriter writer = new IdeCommandWriter();

    @TempDir
    Path workspace;

    private static IdeCommand sample(String task) {
        return new IdeCommand("step-42", 1, "cursor", IdeCommand.describe(task), task,
                "Project: demo\nTask type: execute", "Work only inside this workspace.");
    }

    @Test
    void writesMarkdownIntoTheCommandDirectory() throws Exception {
        AgentMetadata cursor = AgentCatalog.find("cursor").orElseThrow();

        Path file = writer.write(workspace, cursor, sample("Add a health endpoint\nIt returns 200."));

        assertThat(file).isEqualTo(workspace.resolve(".cursor/commands/dg-step-42.md"));
        assertThat(Files.readString(file)).isEqualTo("""
                ---
                description: "Add a health endpoint"
                ---

                ## Task

                Add a health endpoint
                It returns 200.

                ## Context

                - Project: demo
                - Task type: execute

                ## Instructions

                - Work only inside this workspace.

                ## When you are done

                Write the file `.cursor/commands/dg-step-42.result.json` with exactly this JSON:

                ```json
                {"status": "done", "summary": "<what you changed>", "question": null}
                ```

                Use `"status": "blocked"` with your `question` if you need an answer to go on, or `"status": "failed"` with the reason in `summary` if the task cannot be done.

                """);
    }

    @Test
    void writesTomlForTomlAgentsWithProperEscaping() throws Exception {
        AgentMetadata gemini = AgentCatalog.find("gemini-cli").orElseThrow();
        String task = "Fix \"quoted\" path C:\\temp and keep \"\"\" intact\tplease";

        Path file = writer.write(workspace, gemini, sample(task));

        assertThat(file).isEqualTo(workspace.resolve(".gemini/commands/dg-step-42.toml"));
        String toml = Files.readString(file);
        assertThat(toml).startsWith("description = \"Fix \\\"quoted\\\" path C:\\\\temp and keep \\\"\\\"\\\" intact\\tplease\"\n"
                + "prompt = \"\"\"\n## Task\n\n");
        Parsed parsed = parse(toml);
        assertThat(parsed.description()).isEqualTo(task);
        assertThat(parsed.prompt()).startsWith("## Task\n\n" + task + "\n\n## Context\n\n- Project: demo\n")
                .contains("## When you are done")
                .contains("`.gemini/commands/dg-step-42.result.json`")
                .contains("{\"status\": \"done\", \"summary\": \"<what you changed>\", \"question\": null}");
    }

    @Test
    void replacesAResultOfAnEarlierAttempt() throws Exception {
        AgentMetadata cursor = AgentCatalog.find("cursor").orElseThrow();
        Path result = workspace.resolve(".cursor/commands/dg-step-42.result.json");
        Files.createDirectories(result.getParent());
        Files.writeString(result, "{\"status\":\"done\"}");

        writer.write(workspace, cursor, sample("again"));

        assertThat(result).doesNotExist();
    }

    @Test
    void windsurfGetsAWorkflowFile() {
        AgentMetadata windsurf = AgentCatalog.find("windsurf").orElseThrow();
        assertThat(writer.write(workspace, windsurf, sample("x")))
                .isEqualTo(workspace.resolve(".windsurf/workflows/dg-step-42.md"));
    }

    private record Parsed(String description, String prompt) {
    }

    /** Reads the two keys back the way a TOML reader would: basic and multi-line basic strings. */
    private static Parsed parse(String toml) {
        Matcher description = Pattern.compile("^description = \"((?:[^\"\\\\]|\\\\.)*)\"$", Pattern.MULTILINE)
                .matcher(toml);
        assertThat(description.find()).isTrue();
        int open = toml.indexOf("prompt = \"\"\"\n");
        assertThat(open).isPositive();
        String body = toml.substring(open + "prompt = \"\"\"\n".length());
        // The string ends at the first unescaped """; it must be the one at the very end of the file.
        int end = firstUnescapedTripleQuote(body);
        assertThat(body.substring(end)).isEqualTo("\"\"\"\n");
        return new Parsed(unescape(description.group(1)), unescape(body.substring(0, end)));
    }

    private static int firstUnescapedTripleQuote(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.startsWith("\"\"\"", i)) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new AssertionError("not a TOML escape: \\" + next);
            }
        }
        return out.toString();
    }
}
