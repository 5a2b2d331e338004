package dev.devgodzilla.worker.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SessionHomesTest {

    @Test
    void aKeptHomeComesBackOnceAsDataOnlyNeverFollowingALinkTheAgentMade(@TempDir Path dir) throws Exception {
        SessionHomes sessions = new SessionHomes(dir.resolve("sessions"));
        Path home = Files.createDirectories(dir.resolve("attempt-1/home"));
        Files.createDirectories(home.resolve(".claude/projects"));
        Files.writeString(home.resolve(".claude/projects/s-1.jsonl"), "{\"session\":\"s-1\"}\n");
        Path secret = Files.writeString(dir.resolve("host-secret"), "host only");
        Files.createSymbolicLink(home.resolve("leak"), secret);
        Files.createSymbolicLink(home.resolve("leak-dir"), dir);

        sessions.save("step-1", home);
        Path next = dir.resolve("attempt-2/home");
        assertThat(sessions.restore("step-1", next)).isTrue();
        assertThat(Files.readString(next.resolve(".claude/projects/s-1.jsonl"))).contains("s-1");
        assertThat(next.resolve("leak")).doesNotExist();
        assertThat(Files.exists(next.resolve("leak"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(next.resolve("leak-dir"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        // used once; another step, or an id that is not one, has nothing kept
        assertThat(sessions.restore("step-1", dir.resolve("attempt-3/home"))).isFalse();
        assertThat(sessions.restore("other", dir.resolve("x"))).isFalse();
        assertThat(sessions.restore("../sessions", dir.resolve("y"))).isFalse();
    }

    @Test
    void itsCacheIsLeftBehind(@TempDir Path dir) throws Exception {
        SessionHomes sessions = new SessionHomes(dir.resolve("sessions"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(home.resolve(".cache/pkg"));
        try (var out = Files.newOutputStream(home.resolve(".cache/pkg/big"))) {
            out.write(new byte[(SessionHomes.MAX_MIB + 1) * 1024 * 1024]);
        }
        Files.createDirectories(home.resolve(".copilot/session-state"));
        Files.writeString(home.resolve(".copilot/session-state/s.json"), "{}");
        sessions.save("step-cache", home);
        Path next = dir.resolve("next");
        assertThat(sessions.restore("step-cache", next)).isTrue();
        assertThat(next.resolve(".copilot/session-state/s.json")).exists();
        assertThat(next.resolve(".cache")).doesNotExist();
    }

    @Test
    void aHomeOverTheLimitIsNotKept(@TempDir Path dir) throws Exception {
        SessionHomes sessions = new SessionHomes(dir.resolve("sessions"));
        Path home = Files.createDirectories(dir.resolve("home"));
        try (var out = Files.newOutputStream(home.resolve("big"))) {
            out.write(new byte[(SessionHomes.MAX_MIB + 1) * 1024 * 1024]);
        }
        sessions.save("step-big", home);
        assertThat(sessions.restore("step-big", dir.resolve("next"))).isFalse();
    }
}
