package dev.devgodzilla.execution.bus;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import dev.devgodzilla.support.messaging.ServiceAdmin;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;

/**
 * What this service knows of the Kafka bus that heartbeats come through: whether the broker answers now
 * (asked once per sweep interval) and when a heartbeat was last read. While the broker is away, or until
 * heartbeats are read again after it came back (its consumers have to rejoin their group first), a lease
 * that is not renewed says nothing about its worker.
 */
@ApplicationScoped
public class BusWatch {
    private static final long TIMEOUT_MS = 2_000;

    private final Admin admin;
    private volatile boolean brokerAnswers = true;
    private volatile Instant lastHeartbeatApplied = Instant.EPOCH;

    public BusWatch(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.admin = ServiceAdmin.create(kafka, "execution-service-bus-watch", (int) TIMEOUT_MS);
    }

    Admin admin() {
        return admin;
    }

    public boolean brokerAnswers() {
        return brokerAnswers;
    }

    /** Called for every heartbeat read from the bus once the leases it renews are committed. */
    public void heartbeatApplied() {
        lastHeartbeatApplied = Instant.now();
    }

    public Instant lastHeartbeatApplied() {
        return lastHeartbeatApplied;
    }

    @Scheduled(every = "${dg.execution.sweep-interval}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void probe() {
        boolean answers;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT_MS)).clusterId()
                    .get(TIMEOUT_MS + 500, TimeUnit.MILLISECONDS);
            answers = true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            answers = false;
        }
        if (answers != brokerAnswers) {
            if (answers) {
                Log.info("the Kafka broker answers again");
            } else {
                Log.warn("the Kafka broker does not answer; no lease expires until heartbeats are read again");
            }
        }
        brokerAnswers = answers;
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
