package dev.devgodzilla.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;


import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import dev.devgodzilla.contracts.Json;
import dev.devgodzilla.contracts.messages.Artifact;
import dev.devgodzilla.contracts.messages.ChangedFile;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.sandbox.redact.SecretRedactor;
import dev.devgodzilla.testkit.KafkaTestResource;
import dev.devgodzilla.worker.TestJobs;
import dev.devgodzilla.worker.way.StepBus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An agent that tries to get its credential out in disguise, through Kafka and the worker's default
 * sandbox: split by a carriage return, base64-encoded alone and inside a longer text, as a file name and
 * inside a binary file. It is masked in every event, log and artifact.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SecretMaskingTest {
    /** The dummy agent's credential in the test configuration. */
    private static final String SECRET = "sk-test-4f9a1c7e2b8d6035";

    private static StepBus bus;

    @BeforeAll
    static void listen() {
        bus = new StepBus();
    }

    @AfterAll
    static void close() {
        bus.close();
    }

    @Test
    void aCredentialInDisguiseIsMaskedEverywhere() throws Exception {
        String prompt = String.join("\n",
                "sh k=\"$DUMMY_API_KEY\"; printf 'split %s\\r%s\\n' \"${k:0:10}\" \"${k:10}\"",
                "sh printf '%s' \"$DUMMY_API_KEY\" | base64 -w0; echo",
                "sh printf 'prefix-%s-suffix' \"$DUMMY_API_KEY\" | base64 -w0; echo",
                "sh printf 'x%s' \"$DUMMY_API_KEY\" | base64 -w0; echo",
                "sh touch \"named-$DUMMY_API_KEY.txt\"",
                "sh printf 'bin\\000%s\\000' \"$DUMMY_API_KEY\" > blob.bin",
                "print done");
        SandboxJob job = TestJobs.dummy(prompt);

        bus.send(job);
        StepEvent terminal = bus.awaitTerminal(job.stepId());

        assertThat(terminal).as("%s", terminal).isInstanceOf(StepCompleted.class);
        StepCompleted completed = (StepCompleted) terminal;
        List<String> disguises = disguises();
        // the live log and the event
        String logs = String.join("", bus.logText(job.stepId()));
        assertThat(logs).contains("split " + SecretRedactor.MASK, "done");
        assertNoneIn(logs, disguises);
        assertNoneIn(Json.write(completed), disguises);
        // the changed files: the named file under its masked name, the binary one without its patch
        assertThat(completed.artifacts().changedFiles()).extracting(ChangedFile::path)
                .contains("named-" + SecretRedactor.MASK + ".txt", "blob.bin");
        // every artifact
        for (Artifact artifact : completed.artifacts().artifacts()) {
            String content = new String(Files.readAllBytes(Path.of(artifact.path())), StandardCharsets.ISO_8859_1);
            assertNoneIn(content, disguises);
        }
        assertThat(Files.readString(Path.of(artifact(completed, "changes.diff").path())))
                .contains("Binary file not shown: it holds a secret");
    }

    /** The secret and the base64 runs an encoding of it must contain, at each alignment. */
    private static List<String> disguises() {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        String alone = Base64.getEncoder().encodeToString(secret);
        return List.of(SECRET, alone.substring(0, 20),
                Base64.getEncoder().encodeToString(("prefix-" + SECRET).getBytes(StandardCharsets.UTF_8)).substring(12, 28),
                Base64.getEncoder().encodeToString(("x" + SECRET).getBytes(StandardCharsets.UTF_8)).substring(4, 20));
    }

    private static void assertNoneIn(String text, List<String> disguises) {
        for (String disguise : disguises) {
            assertThat(text).doesNotContain(disguise);
        }
    }

    private static Artifact artifact(StepCompleted completed, String name) {
        return completed.artifacts().artifacts().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }
}
