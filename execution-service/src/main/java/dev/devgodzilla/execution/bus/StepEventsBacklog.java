package dev.devgodzilla.execution.bus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.devgodzilla.contracts.Topics;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Whether this service has applied the {@code step-events} that were on the bus when it started (or when
 * the broker came back). Until then a lease that ran out says nothing: the attempt may have ended while
 * the service was away, its StepCompleted waiting in the backlog. Told by comparing the group's committed
 * offsets with the ends of the topic's partitions as they stood then.
 */
@ApplicationScoped
public class StepEventsBacklog {
    private static final long TIMEOUT_MS = 2_000;
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    private final Admin admin;
    private final String group;
    private volatile Map<TopicPartition, Long> ends;
    private volatile boolean caughtUp;
    private volatile boolean unmeasurable;
    private volatile Instant reported = Instant.EPOCH;

    public StepEventsBacklog(BusWatch bus,
                             @ConfigProperty(name = "mp.messaging.incoming.step-events.group.id") String group) {
        this.admin = bus.admin();
        this.group = group;
    }

    /** True once every record that was on {@code step-events} when this was (re)armed has been applied. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** True when the broker would not tell the offsets (the last attempt to ask failed). */
    public boolean unmeasurable() {
        return unmeasurable;
    }

    /** The broker came back: what workers sent meanwhile is read before leases judge them again. */
    public void rearm() {
        ends = null;
        caughtUp = false;
    }

    @Scheduled(every = "${dg.execution.sweep-interval}", skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (caughtUp) {
            return;
        }
        try {
            if (ends == null) {
                ends = endOffsets();
            }
            long behind = behind(ends, committedOffsets());
            unmeasurable = false;
            if (behind == 0) {
                caughtUp = true;
                Log.info("step-events are applied up to where they stood at start; leases may expire again");
            } else if (Instant.now().isAfter(reported.plus(REPORT_EVERY))) {
                reported = Instant.now();
                Log.infof("%d step-events from before the start are not applied yet; no lease expires until they"
                        + " are", behind);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            unmeasurable = true;
            Log.debugf(e, "step-events backlog: offsets unavailable");
        }
    }

    /** How many records up to {@code ends} the group has not committed; a partition it never committed counts from 0. */
    static long behind(Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> committed) {
        long behind = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            behind += Math.max(0, end.getValue() - (at == null ? 0 : at.offset()));
        }
        return behind;
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        var partitions = admin.describeTopics(List.of(Topics.STEP_EVENTS)).allTopicNames()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).get(Topics.STEP_EVENTS).partitions();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(
                p -> new TopicPartition(Topics.STEP_EVENTS, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets() throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }
}
