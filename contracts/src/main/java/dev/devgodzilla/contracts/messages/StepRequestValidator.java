package dev.devgodzilla.contracts.messages;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a {@link StepRequest} the same way for Kafka records and REST calls. */
public final class StepRequestValidator {
    /** Step ids become Kafka keys, directory and file names: keep them to a safe alphabet. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    public static final int MAX_TASK_CHARS = 100_000;

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
        if (request.task() == null || request.task().isBlank()) {
            violations.add(new Violation("task", "is required"));
        } else if (request.task().length() > MAX_TASK_CHARS) {
            violations.add(new Violation("task", "is longer than " + MAX_TASK_CHARS + " characters"));
        }
        if (request.timeoutSeconds() != null && request.timeoutSeconds() <= 0) {
            violations.add(new Violation("timeoutSeconds", "must be positive"));
        }
        if (request.schemaVersion() != null && request.schemaVersion() > StepRequest.SCHEMA_VERSION) {
            violations.add(new Violation("schemaVersion", "version " + request.schemaVersion()
                    + " is newer than the supported " + StepRequest.SCHEMA_VERSION));
        }
        return violations;
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
