package dev.devgodzilla.execution.service;

import dev.devgodzilla.contracts.messages.StepRequest;

import java.util.List;

/**
 * Builds the prompt an agent receives: the task text verbatim first (so scripted agents can read
 * directive lines from its start), then markdown sections for context, dependencies and instructions.
 */
public final class PromptBuilder {
    private PromptBuilder() {
    }

    public static String build(StepRequest request) {
        StringBuilder prompt = new StringBuilder(request.task().strip());
        section(prompt, "Context", request.context());
        List<String> dependencies = request.dependencies();
        if (dependencies != null && !dependencies.isEmpty()) {
            StringBuilder list = new StringBuilder();
            dependencies.stream().filter(d -> d != null && !d.isBlank())
                    .forEach(d -> list.append("- ").append(d.strip()).append('\n'));
            section(prompt, "Dependencies", list.toString());
        }
        section(prompt, "Instructions", request.instructions());
        return prompt.append('\n').toString();
    }

    private static void section(StringBuilder prompt, String title, String body) {
        if (body != null && !body.isBlank()) {
            prompt.append("\n\n## ").append(title).append("\n\n").append(body.strip());
        }
    }
}
