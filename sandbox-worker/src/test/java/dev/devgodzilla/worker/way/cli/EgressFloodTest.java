package dev.devgodzilla.worker.way.cli;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;


import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.testkit.KafkaTestResource;
import dev.devgodzilla.worker.TestJobs;
import dev.devgodzilla.worker.way.StepBus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An agent inside the worker's default sandbox floods its egress proxy with half-sent CONNECTs, through Kafka
 * and a real bubblewrap sandbox: the proxy lives in the worker's own process, so this is an attack on the
 * worker, and the worker must stay up, ready and able to run the next step.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class EgressFloodTest {
    /** Connections the agent opens; each round is held until after the proxy's header timeout. */
    private static final int CONNECTIONS = 5_000;
    private static final int PER_ROUND = 2_500;

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
    void fiveThousandHalfOpenConnectsFromASandboxLeaveTheWorkerUpAndReady() {
        // straight at the proxy's socket (the TCP bridge would only add a socat per connection); SIGPIPE is
        // ignored so connections the proxy closes on arrival do not end the attack early
        String flood = "sh perl -MIO::Socket::UNIX -e '$SIG{PIPE}=q(IGNORE); my $n=0;"
                + " for my $round (1.." + CONNECTIONS / PER_ROUND + ") { my @held;"
                + " for (1.." + PER_ROUND + ") { my $c = IO::Socket::UNIX->new(Peer => q(/run/devgodzilla/egress.sock))"
                + " or next; print $c qq(CONNECT example.com:443 HTTP/1.1\\r\\nHost: exa); push @held, $c; $n++ }"
                + " sleep 3 } print qq(opened $n half-sent connects\\n)'";
        SandboxJob attack = TestJobs.dummy(flood + "\nprint flood over", SandboxMode.NETWORK_RESTRICTED, null, null);
        List<Integer> readiness = new CopyOnWriteArrayList<>();
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
        prober.scheduleAtFixedRate(() -> readiness.add(given().when().get("/q/health/ready").statusCode()),
                0, 500, TimeUnit.MILLISECONDS);
        try {
            bus.send(attack);
            StepEvent terminal = bus.awaitTerminal(attack.stepId());

            assertThat(terminal).as("%s", terminal).isInstanceOf(StepCompleted.class);
            assertThat(String.join("", bus.logText(attack.stepId())))
                    .contains("opened " + CONNECTIONS + " half-sent connects", "flood over");
        } finally {
            prober.shutdownNow();
        }
        // ready the whole time it was under attack
        assertThat(readiness).hasSizeGreaterThan(4).containsOnly(200);
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));

        // and the next proxied step is served: its refused host is answered, not left hanging
        SandboxJob next = TestJobs.dummy("sh curl -sS -m 5 -o /dev/null"
                + " https://blocked.example/", SandboxMode.NETWORK_RESTRICTED, null, null);
        bus.send(next);
        StepEvent after = bus.awaitTerminal(next.stepId());
        assertThat(after).as("%s", after).isInstanceOf(StepCompleted.class);
        assertThat(String.join("", bus.logText(next.stepId()))).contains("egress denied: blocked.example:443");
    }
}
