package dev.devgodzilla.contracts.prompts;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A prompt template, owned by registry-service and announced on the compacted {@code prompt-templates} topic
 * (key: its name): the text that turns a step request into the prompt its agent gets, in Qute syntax over the
 * variables of {@link PromptVariables}. A step uses the template it names, else the one named after its task
 * type, else {@value #DEFAULT}.
 *
 * @param version 0 for the built-in {@value #DEFAULT}, then the number of the API's latest change
 * @param removed the template was deleted (the built-in {@value #DEFAULT} comes back in its place)
 */
public record PromptTemplate(Integer schemaVersion, String name, long version, Instant changedAt,
                             String description, String text, boolean removed) {
    public static final int SCHEMA_VERSION = 1;
    public static final String DEFAULT = "default";
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final int MAX_TEXT_CHARS = 64 * 1024;

    /** The task text first and verbatim (scripted agents read directives from its start), then its sections. */
    public static final String BUILT_IN_TEXT = """
            {task}
            {#if context}

            ## Context

            {context}
            {/if}
            {#if dependencies}

            ## Dependencies

            {#for dependency in dependencies}
            - {dependency}
            {/for}
            {/if}
            {#if instructions}

            ## Instructions

            {instructions}
            {/if}
            """;

    public static final PromptTemplate BUILT_IN = new PromptTemplate(SCHEMA_VERSION, DEFAULT, 0, null,
            "the task, then its context, dependencies and instructions as sections", BUILT_IN_TEXT, false);

    public boolean builtIn() {
        return version == 0;
    }
}
