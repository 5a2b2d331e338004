package dev.devgodzilla.support.agents;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.MalformedMessageException;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentConfiguration;
import io.quarkus.logging.Log;

/**
 * Reads registry-service's {@code agent-config} topic in every service, from its beginning, and applies each
 * agent's newest configuration to the {@link AgentCatalog}: the next run, dispatch or check uses it, without a
 * restart. The channel's settings are this module's {@code META-INF/microprofile-config.properties}, the same
 * for every service; a service overrides them in its own application.properties.
 */
@ApplicationScoped
public class AgentConfigConsumer {
    public static final String CHANNEL = "agent-config";

    /** Throwing nacks the record, which sends it to {@code agent-config.dlq} with the message as its reason. */
    @Incoming(CHANNEL)
    public void consume(String payload) {
        if (payload == null) {
            // a tombstone: compaction removes the key; an agent is removed by a record saying so
            return;
        }
        AgentConfiguration configuration = Json.read(payload, AgentConfiguration.class);
        if (configuration.agentId() == null || configuration.agentId().isBlank()) {
            throw new MalformedMessageException("an agent configuration needs an agentId");
        }
        if (!configuration.removed() && (configuration.agent() == null
                || !configuration.agentId().equals(configuration.agent().id()))) {
            throw new MalformedMessageException("the configuration of agent '" + configuration.agentId()
                    + "' must describe that agent");
        }
        if (AgentCatalog.apply(configuration)) {
            Log.infof("agent %s: configuration version %d applied%s", configuration.agentId(),
                    configuration.version(), configuration.removed() ? " (removed)" : "");
        }
    }
}
