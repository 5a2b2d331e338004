package dev.devgodzilla.execution.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StepEventsBacklogTest {
    private static final TopicPartition P0 = new TopicPartition("step-events", 0);
    private static final TopicPartition P1 = new TopicPartition("step-events", 1);

    @Test
    void recordsUpToTheEndsThatTheGroupHasNotCommittedAreTheBacklog() {
        assertThat(StepEventsBacklog.behind(Map.of(P0, 10L, P1, 4L),
                Map.of(P0, new OffsetAndMetadata(7), P1, new OffsetAndMetadata(4)))).isEqualTo(3);
    }

    @Test
    void aPartitionNeverCommittedCountsFromItsStartAndOneReadPastTheEndCountsNothing() {
        assertThat(StepEventsBacklog.behind(Map.of(P0, 5L, P1, 2L), Map.of(P1, new OffsetAndMetadata(9))))
                .isEqualTo(5);
        assertThat(StepEventsBacklog.behind(Map.of(P0, 0L), Map.of())).isZero();
    }
}
