package dev.devgodzilla.execution.service;

/** A worker asked to run an attempt that is not its to run: another process holds it, or it is not current. */
public class ClaimRefusedException extends RuntimeException {
    public ClaimRefusedException(String message) {
        super(message);
    }
}
