package dev.devgodzilla.worker.workspace;

/** A job names a workspace it may not have; nothing was touched on the host. */
public final class WorkspaceRejectedException extends RuntimeException {
    public WorkspaceRejectedException(String message) {
        super(message);
    }
}
