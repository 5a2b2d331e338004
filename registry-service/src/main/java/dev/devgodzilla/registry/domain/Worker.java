package dev.devgodzilla.registry.domain;

import java.time.Instant;

/** A sandbox worker as its latest heartbeat described it; {@code agents} holds the reported agents as JSON. */
public class Worker {
    public String workerId;

    public String host;

    /** JSON array of {@code InstalledAgent}. */
    public String agents;

    public int running;

    public int capacity;

    public String sandboxBackend;

    public Instant lastSeen;
}
