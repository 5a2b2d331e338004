package dev.devgodzilla.execution.messaging;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.AgentAvailability;
import dev.devgodzilla.execution.service.AgentAvailabilityView;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads the compacted {@code agent-availability} topic into the in-memory view. */
@ApplicationScoped
public class AvailabilityConsumer {
    private final AgentAvailabilityView view;

    public AvailabilityConsumer(AgentAvailabilityView view) {
        this.view = view;
    }

    @Incoming(Channels.AGENT_AVAILABILITY)
    public void consume(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            if (record.key() != null) {
                view.forget(record.key());
            }
            return;
        }
        AgentAvailability availability = Json.read(record.value(), AgentAvailability.class);
        if (availability.agentId() == null) {
            throw new RejectedMessageException("agent availability without an agentId");
        }
        view.update(availability);
    }
}
