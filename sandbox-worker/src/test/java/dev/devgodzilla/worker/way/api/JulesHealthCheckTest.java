package dev.devgodzilla.worker.way.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.contracts.messages.InstalledAgent;
import dev.devgodzilla.worker.way.cli.EngineHealth;

class JulesHealthCheckTest {
    private static final InstalledAgent WITH_KEY = new InstalledAgent("jules", true, "Jules API v1alpha", null);

    @Test
    void oneFailedCheckIsAHiccupTheSecondInARowMakesJulesUnavailableUntilItAnswers() {
        Deque<EngineHealth> answers = new ArrayDeque<>(List.of(
                EngineHealth.up("v1alpha", 40),
                EngineHealth.down("Jules API at https://x is not usable: 403 forbidden", 30),
                EngineHealth.down("Jules API at https://x is not usable: 403 forbidden", 31),
                EngineHealth.up("v1alpha", 20)));
        JulesHealthCheck check = new JulesHealthCheck(answers::removeFirst);

        InstalledAgent first = check.judge(WITH_KEY);
        InstalledAgent hiccup = check.judge(WITH_KEY);
        InstalledAgent down = check.judge(WITH_KEY);
        InstalledAgent back = check.judge(WITH_KEY);

        assertThat(first.available()).isTrue();
        assertThat(first.checkMs()).isEqualTo(40);
        assertThat(hiccup.available()).isTrue();
        assertThat(down.available()).isFalse();
        assertThat(down.reason()).contains("403 forbidden").contains("2 checks in a row");
        assertThat(back.available()).isTrue();
        assertThat(back.checkMs()).isEqualTo(20);
    }

    @Test
    void withoutAKeyTheApiIsNotAsked() {
        InstalledAgent noKey = new InstalledAgent("jules", false, null, "no Jules API key");
        JulesHealthCheck check = new JulesHealthCheck(() -> {
            throw new AssertionError("the API was called without a key");
        });

        assertThat(check.judge(noKey)).isSameAs(noKey);
    }
}
