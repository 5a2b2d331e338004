package dev.devgodzilla.contracts.messages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a {@link StepRequest} the same way for Kafka records and REST calls, size limits included: every
 * field is bounded, and so is the request as a whole, so that the job and the events it causes always fit
 * in a Kafka record (1 MiB by default) and one oversized request never blocks the records after it.
 */
public final class StepRequestValidator {
    /** How a request names the workspace of a step it depends on: {@code step:<stepId>}. */
    public static final String WORKSPACE_OF_STEP = "step:";

    /** Step ids become Kafka keys, directory and file names: keep them to a safe alphabet. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    public static final int MAX_TASK_CHARS = 100_000;
    public static final int MAX_CONTEXT_CHARS = 200_000;
    public static final int MAX_INSTRUCTIONS_CHARS = 50_000;
    public static final int MAX_DEPENDENCIES = 50;
    public static final int MAX_DEPENDENCY_CHARS = 4_000;
    public static final int MAX_COMMAND_CHARS = 8_192;
    public static final int MAX_PATH_CHARS = 4_096;
    public static final int MAX_NAME_CHARS = 256;
    public static final int MAX_LABELS = 50;
    public static final int MAX_LABEL_KEY_CHARS = 128;
    public static final int MAX_LABEL_VALUE_CHARS = 1_024;
    public static final int MAX_TIMEOUT_SECONDS = 86_400;
    /** All text of a request together, in UTF-8 bytes: what the prompt of its job is made of. */
    public static final int MAX_REQUEST_BYTES = 512 * 1024;

    /** A problem with one field of a request. */
    public record Violation(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private StepRequestValidator() {
    }

    /** Returns every problem of {@code request}; empty when it is valid. */
    public static List<Violation> validate(StepRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request == null) {
            violations.add(new Violation("body", "is required"));
            return violations;
        }
        requireSafeId(violations, "stepId", request.stepId(), true);
        requireSafeId(violations, "agentId", request.agentId(), false);
        if (request.promptTemplate() != null
                && !dev.devgodzilla.contracts.prompts.PromptTemplate.NAME.matcher(request.promptTemplate()).matches()) {
            violations.add(new Violation("promptTemplate", "must be 1 to 64 lower-case letters, digits, '.', '_' or"
                    + " '-', starting with a letter or digit"));
        }
        if (request.task() == null || request.task().isBlank()) {
            violations.add(new Violation("task", "is required"));
        } else if (request.task().length() > MAX_TASK_CHARS) {
            violations.add(new Violation("task", "is longer than " + MAX_TASK_CHARS + " characters"));
        }
        if (request.timeoutSeconds() != null && request.timeoutSeconds() <= 0) {
            violations.add(new Violation("timeoutSeconds", "must be positive"));
        } else if (request.timeoutSeconds() != null && request.timeoutSeconds() > MAX_TIMEOUT_SECONDS) {
            violations.add(new Violation("timeoutSeconds", "must be at most " + MAX_TIMEOUT_SECONDS));
        }
        limit(violations, "planId", request.planId(), MAX_NAME_CHARS);
        limit(violations, "projectId", request.projectId(), MAX_NAME_CHARS);
        limit(violations, "model", request.model(), MAX_NAME_CHARS);
        limit(violations, "taskType", request.taskType(), MAX_NAME_CHARS);
        limit(violations, "context", request.context(), MAX_CONTEXT_CHARS);
        limit(violations, "instructions", request.instructions(), MAX_INSTRUCTIONS_CHARS);
        limit(violations, "workspace", request.workspace(), MAX_PATH_CHARS);
        checkSharedWorkspace(violations, request);
        limit(violations, "qaCommand", request.qaCommand(), MAX_COMMAND_CHARS);
        limit(violations, "setupCommand", request.setupCommand(), MAX_COMMAND_CHARS);
        checkDependencies(violations, request.dependencies());
        checkLabels(violations, request.labels());
        long bytes = utf8(request.task()) + utf8(request.context()) + utf8(request.instructions())
                + (request.dependencies() == null ? 0
                : request.dependencies().stream().mapToLong(StepRequestValidator::utf8).sum());
        if (bytes > MAX_REQUEST_BYTES) {
            violations.add(new Violation("body", "task, context, instructions and dependencies together are "
                    + bytes + " bytes, more than " + MAX_REQUEST_BYTES));
        }
        if (request.schemaVersion() != null && request.schemaVersion() > StepRequest.SCHEMA_VERSION) {
            violations.add(new Violation("schemaVersion", "version " + request.schemaVersion()
                    + " is newer than the supported " + StepRequest.SCHEMA_VERSION));
        }
        return violations;
    }

    private static void limit(List<Violation> violations, String field, String value, int max) {
        if (value != null && value.length() > max) {
            violations.add(new Violation(field, "is " + value.length() + " characters, longer than " + max));
        }
    }

    private static void checkDependencies(List<Violation> violations, List<String> dependencies) {
        if (dependencies == null) {
            return;
        }
        if (dependencies.size() > MAX_DEPENDENCIES) {
            violations.add(new Violation("dependencies", "has " + dependencies.size() + " entries, more than "
                    + MAX_DEPENDENCIES));
        }
        for (int i = 0; i < dependencies.size(); i++) {
            limit(violations, "dependencies[" + i + "]", dependencies.get(i), MAX_DEPENDENCY_CHARS);
        }
    }

    private static void checkLabels(List<Violation> violations, Map<String, String> labels) {
        if (labels == null) {
            return;
        }
        if (labels.size() > MAX_LABELS) {
            violations.add(new Violation("labels", "has " + labels.size() + " entries, more than " + MAX_LABELS));
        }
        labels.forEach((key, value) -> {
            limit(violations, "labels", key, MAX_LABEL_KEY_CHARS);
            limit(violations, "labels." + key, value, MAX_LABEL_VALUE_CHARS);
        });
    }

    private static long utf8(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Whether {@code dependency} names a step (an id of the step alphabet) rather than describing what an earlier
     * step produced: a step waits for the steps its dependencies name.
     */
    /** The step whose workspace {@code workspace} names ({@code step:<id>}), or null when it names none. */
    public static String workspaceStep(String workspace) {
        return workspace != null && workspace.startsWith(WORKSPACE_OF_STEP)
                ? workspace.substring(WORKSPACE_OF_STEP.length()).strip() : null;
    }

    /** {@code step:<id>} must name a step the request depends on: its workspace is ready once that one passed. */
    private static void checkSharedWorkspace(List<Violation> violations, StepRequest request) {
        String shared = workspaceStep(request.workspace());
        if (shared == null) {
            return;
        }
        boolean dependency = request.dependencies() != null && request.dependencies().stream()
                .anyMatch(d -> d != null && d.strip().equals(shared));
        if (!isStepId(shared) || !dependency) {
            violations.add(new Violation("workspace", "step:" + shared + " must name a step listed in dependencies,"
                    + " whose workspace (with its changes) this step continues in"));
        }
    }

    public static boolean isStepId(String dependency) {
        return dependency != null && SAFE_ID.matcher(dependency.strip()).matches();
    }

    private static void requireSafeId(List<Violation> violations, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                violations.add(new Violation(field, "is required"));
            }
        } else if (!SAFE_ID.matcher(value).matches()) {
            violations.add(new Violation(field, "must be 1-128 characters of letters, digits, '.', '_', ':' or '-'"
                    + " and start with a letter or digit"));
        }
    }
}
