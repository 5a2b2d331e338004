package dev.devgodzilla.worker.way.ide;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.devgodzilla.contracts.messages.SandboxJob;

class IdeHandOffStoreTest {
    @TempDir
    Path dir;

    @Test
    void aKeptHandOffIsReadBackWholeUntilItIsRemoved() {
        IdeHandOffStore store = new IdeHandOffStore(dir);
        SandboxJob job = new SandboxJob(1, "e-1", Instant.parse("2026-12-01T10:00:00Z"), "step-ide", 2, "windsurf",
                null, "Add a greeting", null, null, 60, 60, null, null, null, null);
        Instant written = Instant.parse("2026-12-01T10:00:01.123456789Z");
        IdeHandOffStore.Saved saved = new IdeHandOffStore.Saved(job, "/w/step-ide", "/g/step-ide.git", "abc123",
                "/w/step-ide/.windsurf/workflows/dg-step-ide.md", Instant.parse("2026-12-01T10:00:01Z"), written, null);
        store.save(saved);
        store.save(saved.pickedUpAt(Instant.parse("2026-12-01T11:00:00Z")));

        assertThat(store.load()).singleElement().satisfies(back -> {
            assertThat(back.job()).isEqualTo(job);
            assertThat(back.baseline()).isEqualTo("abc123");
            assertThat(back.commandWrittenAt()).as("to the nanosecond, as the file's time is compared")
                    .isEqualTo(written);
            assertThat(back.pickedUpAt()).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
        });
        store.remove("step-ide");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void anUnreadableRecordIsSetAsideNotFollowed() throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{not json");
        assertThat(new IdeHandOffStore(dir).load()).isEmpty();
        assertThat(dir.resolve("broken.json.unreadable")).exists();
    }
}
