package dev.devgodzilla.sandbox;

/** What the manager reports for health: the backend in use, whether it works, and why not. */
public record SandboxStatus(String backend, boolean available, String reason) {
}
