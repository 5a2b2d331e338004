package dev.devgodzilla.contracts.prompts;

import java.util.Map;
import java.util.TreeSet;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;

/**
 * Renders prompt templates with Qute. Rendering is strict: a variable that does not exist is an error, not
 * an empty string, so a template with a typo is refused when it is stored rather than sending agents a prompt
 * with a hole in it.
 */
public final class PromptRenderer {
    private static final Engine ENGINE = Engine.builder().addDefaults().strictRendering(true).build();

    private PromptRenderer() {
    }

    /**
     * The prompt {@code text} renders to with {@code variables}.
     *
     * @throws IllegalArgumentException a template that does not parse or uses a variable that does not exist
     */
    public static String render(String text, Map<String, Object> variables) {
        try {
            Template template = ENGINE.parse(text);
            String prompt = template.data(variables).render();
            return prompt.endsWith("\n") ? prompt : prompt + "\n";
        } catch (TemplateException e) {
            throw new IllegalArgumentException(describe(e) + "; the variables are "
                    + String.join(", ", new TreeSet<>(PromptVariables.DESCRIBED.keySet())), e);
        }
    }

    /** Why {@code text} cannot be a prompt template, or null when it can. */
    public static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "text is required";
        }
        if (text.length() > PromptTemplate.MAX_TEXT_CHARS) {
            return "text is longer than " + PromptTemplate.MAX_TEXT_CHARS + " characters";
        }
        try {
            render(text, PromptVariables.sample());
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String describe(TemplateException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        // Qute names the template by a generated id; what matters to the author is the line and the expression.
        return message.replaceAll("\\s+", " ").strip();
    }
}
