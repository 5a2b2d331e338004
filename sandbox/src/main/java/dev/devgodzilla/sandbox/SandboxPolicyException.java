package dev.devgodzilla.sandbox;

/** A request the configured policy does not allow (for example a mode above the maximum); the step fails. */
public class SandboxPolicyException extends SandboxException {
    public SandboxPolicyException(String message) {
        super(message);
    }
}
