package dev.devgodzilla.worker.way.cli;

import static org.assertj.core.api.Assertions.assertThat;


import java.util.List;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import dev.devgodzilla.contracts.messages.FailureCode;
import dev.devgodzilla.contracts.messages.SandboxJob;
import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.contracts.messages.StepCompleted;
import dev.devgodzilla.contracts.messages.StepEvent;
import dev.devgodzilla.contracts.messages.StepFailed;
import dev.devgodzilla.testkit.KafkaTestResource;
import dev.devgodzilla.worker.TestJobs;
import dev.devgodzilla.worker.way.StepBus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * A step's setup command tried as an attacker would, through Kafka and the worker's default bubblewrap
 * sandbox: it may reach the package registries of its allow-list and nothing else, and never holds the
 * agent's credentials.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class SetupPhaseBoundaryTest {
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
    void theSetupPhaseReachesNoHostServiceNoPrivateAddressAndNoCredential() {
        String broker = KafkaTestResource.bootstrapServers().replace("PLAINTEXT://", "");
        // each target through the setup proxy and directly; "rc=0" or a body would mean it got through
        String probes = String.join(" ", List.of(broker, "127.0.0.1:" + RestAssured.port, "localhost:5432",
                "169.254.169.254:80", "10.0.0.1:80", "192.168.1.1:80"));
        String setup = "for t in " + probes + "; do "
                + "curl -sS -m 3 -o /dev/null -w \"via-proxy $t %{http_code}\\n\" http://$t/ 2>/dev/null; "
                + "curl -sS -m 3 --noproxy '*' -o /dev/null http://$t/ 2>/dev/null; echo \"direct $t rc=$?\"; done; "
                + "echo \"credential=${DUMMY_API_KEY:-none}\"; env | grep -c " + SECRET + " || true";
        SandboxJob job = job(setup, SandboxMode.NETWORK_RESTRICTED);

        bus.send(job);
        StepEvent terminal = bus.awaitTerminal(job.stepId());

        assertThat(terminal).as("%s", terminal).isInstanceOf(StepCompleted.class);
        String log = String.join("", bus.logText(job.stepId()));
        assertThat(log).contains("credential=none").doesNotContain(SECRET);
        assertThat(log).doesNotContain("rc=0").doesNotContainPattern("via-proxy \\S+ 200");
        assertThat(log).containsPattern("via-proxy \\S+ 403");
        // and each refused host is named in the step's log
        assertThat(log).contains("[sandbox] egress denied: 169.254.169.254:80 ×1");
    }

    @Test
    void aStepThatFailsAfterARefusedHostSaysWhichInItsFailure() {
        SandboxJob job = TestJobs.dummy("exit 3", SandboxMode.NETWORK_RESTRICTED,
                "curl -sS -m 3 http://downloads.example.com/tool.tgz || true", null);

        bus.send(job);
        StepEvent terminal = bus.awaitTerminal(job.stepId());

        assertThat(terminal).as("%s", terminal).isInstanceOf(StepFailed.class);
        assertThat(((StepFailed) terminal).reason())
                .contains("egress denied: downloads.example.com:80 ×1 (not on the allow-list)");
    }

    @Test
    void aReadOnlyStepWithASetupCommandIsRejected() {
        SandboxJob job = job("echo changed > setup.txt", SandboxMode.READ_ONLY);

        bus.send(job);
        StepEvent terminal = bus.awaitTerminal(job.stepId());

        assertThat(terminal).as("%s", terminal).isInstanceOf(StepFailed.class);
        assertThat(((StepFailed) terminal).code()).isEqualTo(FailureCode.POLICY_REJECTED);
        assertThat(((StepFailed) terminal).reason()).contains("READ_ONLY");
    }

    private static SandboxJob job(String setupCommand, SandboxMode mode) {
        return TestJobs.dummy("print agent ran", mode, setupCommand, null);
    }
}
