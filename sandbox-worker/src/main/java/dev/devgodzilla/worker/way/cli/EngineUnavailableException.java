package dev.devgodzilla.worker.way.cli;

/** The engine cannot run here (binary missing, IDE-only agent); another worker or adapter might. */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message) {
        super(message);
    }
}
