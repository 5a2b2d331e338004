package dev.devgodzilla.execution.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.agents.AgentRouting;
import dev.devgodzilla.execution.service.AgentRoutingView;
import io.quarkus.logging.Log;

/** Reads the compacted {@code agent-routing} topic: which agent runs a step whose request names none. */
@ApplicationScoped
public class AgentRoutingConsumer {
    private final AgentRoutingView view;

    public AgentRoutingConsumer(AgentRoutingView view) {
        this.view = view;
    }

    /** Throwing nacks the record, which sends it to {@code agent-routing.dlq} with the message as its reason. */
    @Incoming(Channels.AGENT_ROUTING)
    public void consume(String payload) {
        if (payload == null) {
            return;
        }
        AgentRouting routing = Json.read(payload, AgentRouting.class);
        if (routing.version() < 0) {
            throw new RejectedMessageException("agent routing with a negative version");
        }
        if (view.update(routing)) {
            Log.infof("agent routing version %d applied", routing.version());
        }
    }
}
