package dev.devgodzilla.worker.way.cli;

import java.util.Locale;

/** What a step asks an agent for; plan and qa look but do not touch the workspace. */
public enum TaskType {
    PLAN,
    EXECUTE,
    QA;

    /** The task type named in a job; anything blank or unknown runs as {@link #EXECUTE}. */
    public static TaskType of(String name) {
        if (name == null || name.isBlank()) {
            return EXECUTE;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "plan", "planning" -> PLAN;
            case "qa", "review", "verify" -> QA;
            default -> EXECUTE;
        };
    }

    public boolean readOnly() {
        return this != EXECUTE;
    }
}
