package dev.devgodzilla.sandbox.backend;

/** Result of checking whether a backend can run sandboxes on this host. */
public record BackendProbe(boolean available, String reason) {

    public static BackendProbe ok(String reason) {
        return new BackendProbe(true, reason);
    }

    public static BackendProbe missing(String reason) {
        return new BackendProbe(false, reason);
    }
}
