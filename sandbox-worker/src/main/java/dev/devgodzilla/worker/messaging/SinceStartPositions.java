package dev.devgodzilla.worker.messaging;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Where the consumers every worker process runs for itself (cancels, QA jobs) start reading a partition
 * they are given: at the first record written since this process started. Their groups commit nothing, so
 * without this a rebalance (a broker restart, a coordinator move) would start them at the end and skip what
 * was sent meanwhile. Records read twice after a rebalance are recognised (commands by {@link SeenRecords}, QA
 * jobs by their id).
 */
@ApplicationScoped
@Identifier(SinceStartPositions.NAME)
public class SinceStartPositions implements KafkaConsumerRebalanceListener {
    public static final String NAME = "since-start";

    private final long started = Instant.now().toEpochMilli();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> since = new HashMap<>();
        partitions.forEach(partition -> since.put(partition, started));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(since);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = found.get(partition);
            if (offset == null) {
                // nothing written since the start: from what comes next
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }
}
