package dev.devgodzilla.worker.way.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.devgodzilla.support.rest.ProblemException;

class IdeStepsResourceTest {
    private final IdeStepTracker tracker = new IdeStepTracker(Duration.ofHours(1), Duration.ofHours(1),
            Clock.systemUTC());
    private final IdeStepsResource resource = new IdeStepsResource(tracker);
    private final List<IdeOutcome> outcomes = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void listsPendingStepsAndCompletesOneWith202() {
        tracker.track("s1", 2, "windsurf", dir.resolve("dg-s1.md"), outcomes::add);
        assertThat(resource.pending()).extracting(PendingIdeStep::stepId).containsExactly("s1");

        Response response = resource.complete("s1",
                new IdeStepsResource.IdeCompletion("blocked", "halfway", "Which port?"));

        assertThat(response.getStatus()).isEqualTo(202);
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(IdeStatus.BLOCKED);
            assertThat(o.attempt()).isEqualTo(2);
            assertThat(o.question()).isEqualTo("Which port?");
        });
        assertThat(resource.pending()).isEmpty();
    }

    @Test
    void anUnknownStepIs404() {
        assertThatThrownBy(() -> resource.complete("nope", new IdeStepsResource.IdeCompletion("done", "x", null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("nope");
                });
    }

    @Test
    void aBadStatusIs400() {
        tracker.track("s2", 1, "cursor", dir.resolve("dg-s2.md"), outcomes::add);
        assertThatThrownBy(() -> resource.complete("s2", new IdeStepsResource.IdeCompletion("pending", null, null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(outcomes).isEmpty();
    }
}
