package dev.devgodzilla.worker.way.ide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.devgodzilla.contracts.agents.AgentCatalog;

class IdeStepTrackerTest {
    private final List<IdeOutcome> outcomes = new CopyOnWriteArrayList<>();
    private final IdeCommandWriter writer = new IdeCommandWriter();
    private IdeStepTracker tracker;

    @TempDir
    Path workspace;

    @AfterEach
    void stop() {
        tracker.close();
    }

    private IdeStepTracker tracker(Duration maxWait) {
        tracker = new IdeStepTracker(Duration.ofMillis(20), maxWait, Clock.systemUTC());
        return tracker;
    }

    private Path handOver(String stepId) {
        IdeCommand command = new IdeCommand(stepId, 1, "cursor", "d", "do it", "", "");
        Path file = writer.write(workspace, AgentCatalog.find("cursor").orElseThrow(), command);
        tracker.track(stepId, 1, "cursor", file, outcomes::add);
        return file;
    }

    private static void writeResult(Path commandFile, String stepId, String json) throws Exception {
        Files.writeString(IdeFiles.resultFile(commandFile.getParent(), stepId), json);
    }

    @Test
    void completesWhenTheResultFileAppears() throws Exception {
        tracker(Duration.ofMinutes(1));
        Path file = handOver("s1");
        assertThat(tracker.pending()).extracting(PendingIdeStep::status).containsExactly(IdeStatus.PENDING);

        writeResult(file, "s1", "{\"status\":\"done\",\"summary\":\"added the endpoint\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == 1);
        IdeOutcome outcome = outcomes.get(0);
        assertThat(outcome.status()).isEqualTo(IdeStatus.DONE);
        assertThat(outcome.summary()).isEqualTo("added the endpoint");
        assertThat(outcome.source()).isEqualTo(IdeStepTracker.FROM_RESULT_FILE);
        assertThat(outcome.commandFile()).isEqualTo(file.toAbsolutePath());
        assertThat(tracker.pending()).isEmpty();
    }

    @Test
    void marksAStepPickedUpWhenTheMarkerAppears() throws Exception {
        tracker(Duration.ofMinutes(1));
        Path file = handOver("s2");

        Files.writeString(IdeFiles.pickedUpMarker(file.getParent(), "s2"), "");

        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.find("s2").orElseThrow().status() == IdeStatus.PICKED_UP);
        assertThat(tracker.find("s2").orElseThrow().pickedUpAt()).isNotNull();
    }

    @Test
    void completesOnAnExplicitCallExactlyOnce() throws Exception {
        tracker(Duration.ofMinutes(1));
        Path file = handOver("s3");

        assertThat(tracker.complete("s3", IdeStatus.DONE, "done in the IDE", null)).isPresent();
        writeResult(file, "s3", "{\"status\":\"failed\",\"summary\":\"late\"}");
        Thread.sleep(100);

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(IdeStatus.DONE);
            assertThat(o.source()).isEqualTo(IdeStepTracker.FROM_API);
        });
        assertThat(tracker.complete("s3", IdeStatus.DONE, "again", null)).isEmpty();
        assertThat(tracker.complete("unknown", IdeStatus.DONE, "x", null)).isEmpty();
    }

    @Test
    void reportsBlockedWithTheQuestion() throws Exception {
        tracker(Duration.ofMinutes(1));
        Path file = handOver("s4");

        writeResult(file, "s4", "{\"status\":\"blocked\",\"summary\":\"stuck\",\"question\":\"Which database?\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == 1);
        assertThat(outcomes.get(0).status()).isEqualTo(IdeStatus.BLOCKED);
        assertThat(outcomes.get(0).question()).isEqualTo("Which database?");
    }

    @Test
    void anUnknownStatusFailsTheStepWithTheReason() throws Exception {
        tracker(Duration.ofMinutes(1));
        Path file = handOver("s5");

        writeResult(file, "s5", "{\"status\":\"maybe\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == 1);
        assertThat(outcomes.get(0).status()).isEqualTo(IdeStatus.FAILED);
        assertThat(outcomes.get(0).summary()).contains("unknown status 'maybe'");
    }

    @Test
    void givesUpAfterTheMaximumWait() {
        tracker(Duration.ofMillis(150));
        handOver("s6");

        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() == 1);
        IdeOutcome outcome = outcomes.get(0);
        assertThat(outcome.status()).isEqualTo(IdeStatus.FAILED);
        assertThat(outcome.source()).isEqualTo(IdeStepTracker.FROM_TIMEOUT);
        assertThat(outcome.summary()).contains("no result from IDE agent cursor within PT0.15S")
                .contains("never picked up");
    }

    @Test
    void followsManyStepsAtOnce() throws Exception {
        tracker(Duration.ofMinutes(1));
        int count = 60;
        for (int i = 0; i < count; i++) {
            handOver("many-" + i);
        }
        assertThat(tracker.pending()).hasSize(count);
        Path dir = workspace.resolve(".cursor/commands");
        for (int i = 0; i < count; i++) {
            if (i % 2 == 0) {
                Files.writeString(IdeFiles.resultFile(dir, "many-" + i), "{\"status\":\"done\",\"summary\":\"ok\"}");
            } else {
                tracker.complete("many-" + i, IdeStatus.FAILED, "no", null);
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() == count);
        assertThat(outcomes).extracting(IdeOutcome::stepId).doesNotHaveDuplicates();
        assertThat(tracker.pending()).isEmpty();
    }
}
