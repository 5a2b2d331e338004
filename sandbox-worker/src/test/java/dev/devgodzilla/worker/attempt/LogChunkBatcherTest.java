package dev.devgodzilla.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.messages.LogStream;
import dev.devgodzilla.contracts.messages.StepLogChunk;

class LogChunkBatcherTest {

    @Test
    void closingSendsTheLastChunkAndReturnsOnlyOnceTheBusHasIt() {
        // Given a bus that acknowledges a chunk 300 ms after it was sent
        List<StepLogChunk> sent = new CopyOnWriteArrayList<>();
        List<Long> acknowledgedAt = new CopyOnWriteArrayList<>();
        LogChunkBatcher batcher = new LogChunkBatcher("step-1", 1, Duration.ofSeconds(10), chunk -> {
            sent.add(chunk);
            return CompletableFuture.runAsync(() -> acknowledgedAt.add(System.nanoTime()),
                    CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
        });
        batcher.add(LogStream.STDOUT, "first");
        batcher.add(LogStream.STDERR, "second");

        // When the attempt's output is closed
        batcher.close();
        long closedAt = System.nanoTime();

        // Then both chunks were sent, in order, and the last was on the bus before close returned
        assertThat(sent).extracting(StepLogChunk::text).containsExactly("first\n", "second\n");
        assertThat(sent).extracting(StepLogChunk::seq).containsExactly(0L, 1L);
        assertThat(acknowledgedAt).hasSize(2);
        assertThat(acknowledgedAt.getLast()).isLessThanOrEqualTo(closedAt);
    }

    @Test
    void aChunkTheBusRefusesNeitherFailsNorHoldsUpTheClose() {
        List<StepLogChunk> sent = new CopyOnWriteArrayList<>();
        LogChunkBatcher batcher = new LogChunkBatcher("step-1", 1, Duration.ofSeconds(10), chunk -> {
            sent.add(chunk);
            return CompletableFuture.failedFuture(new IllegalStateException("broker gone"));
        });
        batcher.add(LogStream.STDOUT, "lost");

        long start = System.nanoTime();
        batcher.close();

        // the attempt goes on to its end at once: the log artifact has the output
        assertThat(sent).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }
}
