package dev.devgodzilla.sandbox.backend;

import dev.devgodzilla.sandbox.SandboxConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands in a throw-away Docker or Podman container: no capabilities, no new privileges, read-only root,
 * network {@code none} (or {@code host} for FULL_ACCESS and setup), the workspace, HOME and TMPDIR as bind
 * mounts, and the resource limits as engine flags. Environment values are passed by name only ({@code -e NAME}),
 * so the client reads them from its own environment and they never appear on a command line.
 */
public final class ContainerBackend implements SandboxBackend {

    private final String engine;
    private final String client;
    private final SandboxConfig config;

    private ContainerBackend(String engine, String client, SandboxConfig config) {
        this.engine = engine;
        this.client = client;
        this.config = config;
    }

    public static ContainerBackend docker(SandboxConfig config) {
        return new ContainerBackend("docker", config.docker(), config);
    }

    public static ContainerBackend podman(SandboxConfig config) {
        return new ContainerBackend("podman", config.podman(), config);
    }

    @Override
    public String name() {
        return engine;
    }

    /** Asks the engine whether it is running; a missing client, an error or a slow answer all mean "no". */
    @Override
    public BackendProbe probe() {
        Process p;
        try {
            p = new ProcessBuilder(client, "info", "--format", "{{.ID}}").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return BackendProbe.missing(engine + " client not found (" + client + ")");
        }
        try {
            if (!p.waitFor(config.engineProbeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return BackendProbe.missing(engine + " info did not answer within " + config.engineProbeTimeout());
            }
            return p.exitValue() == 0 ? BackendProbe.ok(engine + " engine is running")
                    : BackendProbe.missing(engine + " engine is not running (info exited " + p.exitValue() + ")");
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return BackendProbe.missing("interrupted while probing " + engine);
        }
    }

    @Override
    public Launch launch(LaunchPlan plan) {
        List<String> cmd = new ArrayList<>(List.of(client, "run", "--rm", "-i", "--init",
                "--name", containerName(plan),
                "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--read-only",
                "--user", config.sandboxUid() + ":" + config.sandboxGid(),
                "--network", plan.network() == NetworkAccess.HOST ? "host" : "none"));
        var limits = plan.limits();
        if (limits.maxProcesses() > 0) {
            cmd.addAll(List.of("--pids-limit", Integer.toString(limits.maxProcesses())));
        }
        if (limits.memoryBytes() > 0) {
            cmd.addAll(List.of("--memory", Long.toString(limits.memoryBytes())));
        }
        if (limits.maxOpenFiles() > 0) {
            cmd.addAll(List.of("--ulimit", "nofile=" + limits.maxOpenFiles() + ":" + limits.maxOpenFiles()));
        }
        if (limits.cpuSeconds() > 0) {
            cmd.addAll(List.of("--ulimit", "cpu=" + limits.cpuSeconds() + ":" + limits.cpuSeconds()));
        }
        String ws = plan.workspace().toString();
        cmd.addAll(List.of("-v", ws + ":" + ws + (plan.workspaceWritable() ? "" : ":ro")));
        for (Path p : plan.readOnlyInWorkspace()) {
            cmd.addAll(List.of("-v", p + ":" + p + ":ro"));
        }
        cmd.addAll(List.of("-v", plan.homeDir() + ":" + LaunchPlan.SANDBOX_HOME));
        cmd.addAll(List.of("-v", plan.tmpDir() + ":" + LaunchPlan.SANDBOX_TMP));
        String proxyUrl = null;
        List<String> command = plan.command();
        if (plan.network() == NetworkAccess.EGRESS_PROXY) {
            cmd.addAll(List.of("-v", plan.runDir() + ":" + LaunchPlan.SANDBOX_RUN_DIR + ":ro"));
            // the image's own socat: the host's binary may not match the image's libraries
            command = EgressBridge.wrap("socat", config.bridgePort(),
                    LaunchPlan.SANDBOX_RUN_DIR + "/" + LaunchPlan.PROXY_SOCKET_NAME, plan.loopbackForwards(), command);
            proxyUrl = EgressBridge.proxyUrl(config.bridgePort());
        }
        Map<String, String> env = AgentEnvironment.complete(plan.env(), LaunchPlan.SANDBOX_HOME,
                LaunchPlan.SANDBOX_TMP, proxyUrl);
        for (String name : env.keySet()) {
            cmd.addAll(List.of("-e", name));
        }
        cmd.addAll(List.of("-w", ws, config.containerImage()));
        cmd.addAll(command);
        return new Launch(cmd, env);
    }

    @Override
    public List<String> cleanupCommand(LaunchPlan plan) {
        return List.of(client, "rm", "-f", containerName(plan));
    }

    private static String containerName(LaunchPlan plan) {
        return "dg-sandbox-" + plan.launchId();
    }
}
