package dev.devgodzilla.contracts.prompts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.devgodzilla.contracts.messages.StepRequest;

/** The variables a prompt template can use, taken from a step request and what execution-service chose for it. */
public final class PromptVariables {
    /** Each variable and what it holds, for the API's documents and error messages. */
    public static final Map<String, String> DESCRIBED = describe();

    private PromptVariables() {
    }

    /** The variables of {@code request}, run by {@code agentId} with {@code model} (either may be null). */
    public static Map<String, Object> of(StepRequest request, String agentId, String model) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("task", strip(request.task()));
        vars.put("context", strip(request.context()));
        vars.put("dependencies", request.dependencies() == null ? List.of() : request.dependencies().stream()
                .filter(d -> d != null && !d.isBlank()).map(String::strip).toList());
        vars.put("instructions", strip(request.instructions()));
        vars.put("stepId", request.stepId());
        vars.put("planId", orEmpty(request.planId()));
        vars.put("projectId", orEmpty(request.projectId()));
        vars.put("taskType", orEmpty(request.taskType()));
        vars.put("agentId", orEmpty(agentId));
        vars.put("model", orEmpty(model));
        vars.put("labels", request.labels() == null ? Map.of() : Map.copyOf(request.labels()));
        return vars;
    }

    /** A value for every variable, each non-empty, to check that a template renders whatever a step holds. */
    static Map<String, Object> sample() {
        Map<String, Object> vars = new LinkedHashMap<>();
        DESCRIBED.keySet().forEach(name -> vars.put(name, "sample " + name));
        vars.put("dependencies", List.of("sample dependency"));
        vars.put("labels", Map.of("sample", "label"));
        return vars;
    }

    private static Map<String, String> describe() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("task", "the step's task, stripped");
        d.put("context", "its context, or empty");
        d.put("dependencies", "a list: what earlier steps produced");
        d.put("instructions", "its instructions, or empty");
        d.put("stepId", "the step's id");
        d.put("planId", "its plan, or empty");
        d.put("projectId", "its project, or empty");
        d.put("taskType", "its task type, or empty");
        d.put("agentId", "the agent that runs it");
        d.put("model", "the model it runs with, or empty");
        d.put("labels", "a map: the request's labels, e.g. {labels.team ?: ''}");
        return Map.copyOf(d);
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
