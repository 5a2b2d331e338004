package dev.devgodzilla.cli;

import dev.devgodzilla.contracts.messages.StepRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;

/** Runs one demo step through the stack with the dummy agent and prints what happens. */
@Command(name = "demo", description = "Submit a demo step (dummy agent) and follow it to its QA result.")
final class DemoCommand implements Callable<Integer> {
    static final String DEMO_TASK = """
            Create a greeting for the team.
            print Reading the task...
            write hello.txt Hello from DevGodzilla
            print Wrote hello.txt
            sleep 1
            print Done.
            """;

    @Mixin
    Endpoints endpoints;

    @Option(names = "--timeout", description = "Seconds to wait for the result.", defaultValue = "120")
    int timeoutSeconds;

    @Override
    public Integer call() {
        StepRequest request = StepRequest.of("demo-" + UUID.randomUUID().toString().substring(0, 8), "dummy", DEMO_TASK)
                .withQaCommand("grep -q DevGodzilla hello.txt");
        String state = new StepRun(endpoints, System.out)
                .submitAndFollow(request, true, Duration.ofSeconds(timeoutSeconds));
        return state.equals("QA_PASSED") ? 0 : 1;
    }
}
