package dev.devgodzilla.registry.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A sandbox worker as its latest heartbeat described it; {@code agents} holds the reported agents as JSON. */
@Entity
@Table(name = "workers")
public class Worker extends PanacheEntityBase {
    @Id
    @Column(name = "worker_id")
    public String workerId;

    public String host;

    /** JSON array of {@code InstalledAgent}. */
    public String agents;

    public int running;

    public int capacity;

    @Column(name = "sandbox_backend")
    public String sandboxBackend;

    @Column(name = "last_seen")
    public Instant lastSeen;
}
