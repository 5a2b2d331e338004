package dev.devgodzilla.worker.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.devgodzilla.contracts.messages.Ids;
import dev.devgodzilla.contracts.messages.WorkerHeartbeat;
import dev.devgodzilla.support.messaging.BusMessages;
import dev.devgodzilla.worker.config.WorkerConfig;
import dev.devgodzilla.worker.config.WorkerIdentity;
import dev.devgodzilla.worker.dispatch.AttemptRouter;
import dev.devgodzilla.worker.dispatch.RunningAttempts;
import dev.devgodzilla.worker.sandbox.AttemptSandboxes;
import dev.devgodzilla.worker.way.InstalledAgents;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Publishes this worker's heartbeat on {@code worker-heartbeats}: the agents it has, the attempts it is
 * running (which renews their leases) and its capacity. One goes out at startup, then one per interval.
 */
@ApplicationScoped
public class HeartbeatPublisher {
    private final MutinyEmitter<String> emitter;
    private final WorkerIdentity identity;
    private final WorkerConfig config;
    private final InstalledAgents agents;
    private final RunningAttempts running;
    private final AttemptSandboxes sandboxes;
    private final AttemptRouter router;

    public HeartbeatPublisher(@Channel(Channels.WORKER_HEARTBEATS) MutinyEmitter<String> emitter,
                              WorkerIdentity identity, WorkerConfig config, InstalledAgents agents,
                              RunningAttempts running, AttemptSandboxes sandboxes, AttemptRouter router) {
        this.emitter = emitter;
        this.router = router;
        this.identity = identity;
        this.config = config;
        this.agents = agents;
        this.running = running;
        this.sandboxes = sandboxes;
    }

    void onStart(@Observes StartupEvent event) {
        // Looking for agent binaries runs processes; keep it off the startup thread.
        Thread.ofVirtual().name("agent-check").start(() -> {
            refreshAgents();
            beat();
        });
    }

    @Scheduled(every = "${dg.worker.heartbeat-interval:5s}", delayed = "${dg.worker.heartbeat-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        WorkerHeartbeat heartbeat = current();
        try {
            emitter.sendMessageAndForget(BusMessages.keyed(heartbeat.workerId(), heartbeat, Channels.SOURCE));
        } catch (RuntimeException e) {
            Log.warnf("could not publish a heartbeat: %s", e.getMessage());
        }
    }

    @Scheduled(every = "${dg.worker.agent-check-interval:5m}", delayed = "${dg.worker.agent-check-interval:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshAgents() {
        try {
            agents.refresh();
        } catch (RuntimeException e) {
            Log.warnf(e, "could not check the installed agents");
        }
    }

    /** The heartbeat as it would be sent now. */
    public WorkerHeartbeat current() {
        return new WorkerHeartbeat(WorkerHeartbeat.SCHEMA_VERSION, Ids.newEventId(), Instant.now(),
                identity.workerId(), identity.host(), agents.current(), running.refs(), config.capacity(),
                sandboxes.status().backend(), (int) Math.max(1, config.heartbeatInterval().toSeconds()),
                running.waitingRefs(), router.handedOverRefs());
    }
}
