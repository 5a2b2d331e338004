package dev.devgodzilla.worker.way.cli;

import static org.assertj.core.api.Assertions.assertThat;


import java.nio.file.Path;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.testkit.KafkaTestResource;
import dev.devgodzilla.worker.TestJobs;
import dev.devgodzilla.worker.way.StepBus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A prompt far over the command-line limit reaches an agent that reads it on stdin, whole. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class LargePromptTest {
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
    void a300KibPromptRuns() {
        // 300 KiB of context between the first and the last instruction
        String filler = ("context line that the agent reads and ignores " + "-".repeat(50) + "\n").repeat(3_300);
        String prompt = "print first instruction seen\n" + filler + "write last.txt last instruction seen";
        assertThat(prompt.length()).isGreaterThan(300 * 1024);
        SandboxJob job = TestJobs.dummy(prompt);

        bus.send(job);
        StepEvent terminal = bus.awaitTerminal(job.stepId());

        assertThat(terminal).as("%s", terminal).isInstanceOf(StepCompleted.class);
        StepCompleted completed = (StepCompleted) terminal;
        assertThat(completed.output()).contains("first instruction seen");
        assertThat(Path.of(completed.workspace()).resolve("last.txt")).hasContent("last instruction seen");
    }
}
