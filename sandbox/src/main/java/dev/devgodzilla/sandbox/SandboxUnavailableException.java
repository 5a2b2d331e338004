package dev.devgodzilla.sandbox;

/** The configured backend cannot isolate anything on this host, so nothing is run at all. */
public class SandboxUnavailableException extends SandboxException {
    public SandboxUnavailableException(String message) {
        super(message);
    }
}
