package dev.devgodzilla.execution.service;

import dev.devgodzilla.contracts.messages.StepRequest;
import dev.devgodzilla.contracts.prompts.PromptRenderer;
import dev.devgodzilla.contracts.prompts.PromptTemplate;
import dev.devgodzilla.contracts.prompts.PromptVariables;

/**
 * Builds the prompt an agent receives from the step's prompt template: by default the task text verbatim first
 * (so scripted agents can read directive lines from its start), then markdown sections for context,
 * dependencies and instructions.
 */
public final class PromptBuilder {
    private PromptBuilder() {
    }

    /** The prompt of the built-in template. */
    public static String build(StepRequest request) {
        return build(request, PromptTemplate.BUILT_IN, request.agentId(), request.model());
    }

    /**
     * The prompt of {@code template} for {@code request}, run by {@code agentId} with {@code model}.
     *
     * @throws IllegalArgumentException a template that does not render (registry-service checks each before
     *                                  storing it, so only one stored before a variable was renamed)
     */
    public static String build(StepRequest request, PromptTemplate template, String agentId, String model) {
        return PromptRenderer.render(template.text(), PromptVariables.of(request, agentId, model));
    }
}
