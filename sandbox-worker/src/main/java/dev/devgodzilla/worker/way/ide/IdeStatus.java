package dev.devgodzilla.worker.way.ide;

import java.util.Locale;
import java.util.Optional;

/** Where an IDE step is: waiting, picked up by the IDE agent, or ended. */
public enum IdeStatus {
    PENDING, PICKED_UP, DONE, BLOCKED, FAILED;

    public boolean terminal() {
        return this == DONE || this == BLOCKED || this == FAILED;
    }

    /** The terminal status named in a result file or request ({@code done}, {@code blocked}, {@code failed}). */
    public static Optional<IdeStatus> terminalOf(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "done", "completed", "complete" -> Optional.of(DONE);
            case "blocked" -> Optional.of(BLOCKED);
            case "failed" -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }
}
