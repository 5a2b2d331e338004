package dev.devgodzilla.worker.engine;

/** The engine cannot run here (binary missing, IDE-only agent); another worker or adapter might. */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message) {
        super(message);
    }
}
