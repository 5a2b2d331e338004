package dev.devgodzilla.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.messages.AttemptRef;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.worker.attempt.Attempt;
import dev.devgodzilla.worker.attempt.Termination;
import dev.devgodzilla.worker.config.WorkerConfig;

class RunningAttemptsTest {
    private final RunningAttempts running = new RunningAttempts(config(2, Duration.ofMillis(300)));

    @Test
    void aRedeliveredOrOlderAttemptIsNotRunAgain() {
        assertThat(running.register(job("s1", 2))).isPresent();

        assertThat(running.register(job("s1", 2))).as("redelivered").isEmpty();
        assertThat(running.register(job("s1", 1))).as("stale").isEmpty();
        assertThat(running.register(job("s2", 1))).as("another step").isPresent();
    }

    @Test
    void aNewerAttemptStopsTheOlderOneOfItsStep() {
        Attempt first = running.register(job("s1", 1)).orElseThrow().attempt();

        RunningAttempts.Registration second = running.register(job("s1", 2)).orElseThrow();

        assertThat(second.superseded()).containsExactly(first);
        assertThat(first.stopRequest()).isEqualTo(Termination.CANCELLED);
        assertThat(second.attempt().stopRequest()).isNull();
    }

    @Test
    void anEndedAttemptStaysInTheHeartbeatsForTheLingerThenGoes() throws InterruptedException {
        Attempt ended = running.register(job("s1", 1)).orElseThrow().attempt();
        running.register(job("s2", 1));

        running.remove(ended);

        // its terminal event may not have been read yet: its lease is still renewed a while
        assertThat(running.refs()).containsExactlyInAnyOrder(ended.ref(), new AttemptRef("s2", 1));
        assertThat(running.count()).isEqualTo(1);
        Thread.sleep(400);
        assertThat(running.refs()).containsExactly(new AttemptRef("s2", 1));
    }

    private static SandboxJob job(String stepId, int attempt) {
        return new SandboxJob(1, "e", Instant.now(), stepId, attempt, "dummy", null, "print hi", null, null, 60, 60,
                null, null, null, null);
    }

    /** A config with {@code capacity} and {@code linger}; nothing else is read by the class under test. */
    private static WorkerConfig config(int capacity, Duration linger) {
        return (WorkerConfig) Proxy.newProxyInstance(WorkerConfig.class.getClassLoader(),
                new Class<?>[]{WorkerConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "capacity" -> capacity;
                    case "endedAttemptLinger" -> linger;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
