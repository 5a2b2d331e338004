package dev.devgodzilla.sandbox;

/** A sandbox could not be opened or a command could not be started in it. */
public class SandboxException extends RuntimeException {
    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
