package dev.devgodzilla.registry.messaging;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.devgodzilla.contracts.Topics;
import dev.devgodzilla.contracts.agents.AgentCatalog;
import dev.devgodzilla.contracts.agents.AgentMetadata;
import dev.devgodzilla.support.messaging.ServiceAdmin;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * The job topic of every agent in the catalogue exists: the built-in agents' are declared with the layer's
 * topics (Kubernetes, compose, the local stack), and this creates those of agents from {@code agents.yaml} or
 * registered over the API, at start and when one is registered, since brokers create no topic on demand.
 */
@ApplicationScoped
public class AgentJobTopics {
    private static final int TIMEOUT_MS = 10_000;

    private final Admin admin;

    public AgentJobTopics(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.admin = ServiceAdmin.create(kafka, "registry-service-job-topics", TIMEOUT_MS);
    }

    void onStart(@Observes StartupEvent event) {
        List<String> ids = AgentCatalog.all().stream().map(AgentMetadata::id).toList();
        Thread.ofVirtual().name("agent-job-topics").start(() -> ensure(ids));
    }

    /** Creates the missing job topics of {@code agentIds} in the background; a failure is logged with a hint. */
    public void ensureSoon(Collection<String> agentIds) {
        List<String> ids = List.copyOf(agentIds);
        Thread.ofVirtual().name("agent-job-topics").start(() -> ensure(ids));
    }

    void ensure(Collection<String> agentIds) {
        for (String id : agentIds) {
            for (String topic : Topics.jobTopicsOf(id)) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                create(topic, id);
            }
        }
    }

    private void create(String topic, String agentId) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(Topics.partitions(topic)), Optional.empty())))
                    .all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Log.infof("created the job topic %s of agent %s", topic, agentId);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                Log.warnf("could not create the job topic %s of agent %s (%s); declare it as a KafkaTopic, or"
                        + " let registry-service create topics", topic, agentId, e.getCause().getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Log.warnf("could not create the job topic %s of agent %s: %s", topic, agentId, e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
