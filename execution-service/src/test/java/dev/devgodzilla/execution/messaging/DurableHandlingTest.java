package dev.devgodzilla.execution.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

class DurableHandlingTest {

    @Test
    void connectionLossDeadlocksAndShutdownsAreTransientAndBadDataIsNot() {
        assertThat(DurableHandling.transientFailure(pg("08006"))).isTrue();
        assertThat(DurableHandling.transientFailure(pg("40P01"))).isTrue();
        assertThat(DurableHandling.transientFailure(pg("57P01"))).isTrue();
        assertThat(DurableHandling.transientFailure(new RuntimeException(new ConnectException("refused")))).isTrue();
        // the pool this process closes as it stops: the next process handles the record
        assertThat(DurableHandling.transientFailure(new RuntimeException("Pool closed"))).isTrue();
        assertThat(DurableHandling.transientFailure(pg("23505"))).isFalse();
        assertThat(DurableHandling.transientFailure(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void aTransientFailureIsRetriedUntilItPassesAndAnyOtherFailsAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        String result = DurableHandling.<String>retryingTransientFailures("test", () -> calls.incrementAndGet() < 3
                ? Uni.createFrom().failure(pg("08003")) : Uni.createFrom().item("applied"))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(result).isEqualTo("applied");
        assertThat(calls).hasValue(3);

        AtomicInteger once = new AtomicInteger();
        assertThatThrownBy(() -> DurableHandling.<String>retryingTransientFailures("test", () -> {
            once.incrementAndGet();
            return Uni.createFrom().failure(pg("23505"));
        }).await().atMost(Duration.ofSeconds(10))).isInstanceOf(PgException.class);
        assertThat(once).hasValue(1);
    }

    private static PgException pg(String sqlState) {
        return new PgException("database says no", "ERROR", sqlState, null);
    }
}
