package dev.devgodzilla.sandbox.backend;

import dev.devgodzilla.sandbox.SandboxConfig;
import dev.devgodzilla.sandbox.limits.ResourceLimits;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerBackendTest {

    private final SandboxConfig config = SandboxConfig.defaults();

    private LaunchPlan plan(NetworkAccess network, boolean writable) {
        return new LaunchPlan("abc-1", Path.of("/work/ws"), writable, List.of(Path.of("/work/ws/.git/config")),
                network, Path.of("/state/abc/home"), Path.of("/state/abc/tmp"), Path.of("/state/abc/run"),
                Map.of("AGENT_API_KEY", "sk-secret", "PATH", "/usr/bin"), List.of("agent", "--run"),
                new ResourceLimits(1L << 30, 100, 1024, 60, 0), List.of());
    }

    @Test
    void dockerCommandLineCarriesIsolationAndLimits() {
        Launch launch = ContainerBackend.docker(config).launch(plan(NetworkAccess.NONE, false));
        String line = String.join(" ", launch.command());

        assertThat(launch.command().subList(0, 3)).containsExactly("docker", "run", "--rm");
        assertThat(line).contains("--name dg-sandbox-abc-1", "--cap-drop ALL", "--security-opt no-new-privileges",
                "--read-only", "--network none", "--pids-limit 100", "--memory 1073741824",
                "--ulimit nofile=1024:1024", "--ulimit cpu=60:60", "-v /work/ws:/work/ws:ro",
                "-v /work/ws/.git/config:/work/ws/.git/config:ro", "-v /state/abc/home:/home/agent",
                "-v /state/abc/tmp:/tmp", "-w /work/ws", "-e AGENT_API_KEY", "-e HOME");
        assertThat(line).endsWith(config.containerImage() + " agent --run");
        // secrets travel in the client's environment, never on its command line
        assertThat(line).doesNotContain("sk-secret");
        assertThat(launch.environment()).containsEntry("AGENT_API_KEY", "sk-secret")
                .containsEntry("HOME", "/home/agent");
    }

    @Test
    void egressProxyModeMountsTheSocketAndWrapsTheCommand() {
        Launch launch = ContainerBackend.podman(config).launch(plan(NetworkAccess.EGRESS_PROXY, true));
        String line = String.join(" ", launch.command());

        assertThat(launch.command().getFirst()).isEqualTo("podman");
        assertThat(line).contains("--network none", "-v /work/ws:/work/ws ", "-v /state/abc/run:/run/devgodzilla:ro",
                "UNIX-CONNECT:/run/devgodzilla/egress.sock");
        assertThat(launch.environment()).containsEntry("HTTPS_PROXY", "http://127.0.0.1:3128")
                .containsEntry("http_proxy", "http://127.0.0.1:3128").doesNotContainKey("NO_PROXY");
    }

    @Test
    void fullAccessUsesTheHostNetworkAndCleanupRemovesTheContainer() {
        ContainerBackend docker = ContainerBackend.docker(config);
        LaunchPlan plan = plan(NetworkAccess.HOST, true);

        assertThat(String.join(" ", docker.launch(plan).command())).contains("--network host");
        assertThat(docker.cleanupCommand(plan)).containsExactly("docker", "rm", "-f", "dg-sandbox-abc-1");
    }

    @Test
    void probeReportsAMissingEngineQuickly() {
        SandboxConfig missing = config.withContainerClients("/nonexistent/docker", "/nonexistent/podman");

        long start = System.nanoTime();
        BackendProbe probe = ContainerBackend.docker(missing).probe();

        assertThat(probe.available()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
