package dev.devgodzilla.sandbox;

import static dev.devgodzilla.sandbox.SandboxTestSupport.assertNothingRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;


import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.sandbox.SandboxTestSupport.TestHttpServer;
import dev.devgodzilla.sandbox.egress.DeniedRequest;
import dev.devgodzilla.sandbox.limits.ResourceLimits;
import dev.devgodzilla.sandbox.redact.SecretRedactor;

/**
 * Tries to break each isolation property from inside a real bubblewrap sandbox. After every test no process
 * of the test's sandboxes (found by the sandbox id in bwrap's command line, or the test's marker) is left.
 */
class BubblewrapSandboxTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static SandboxManager manager;
    private static Path stateDir;
    private static final List<DeniedRequest> denials = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;
    private Path workspace;
    private String marker;
    private final List<Sandbox> opened = new ArrayList<>();

    @BeforeAll
    static void startManager() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed");
        stateDir = Files.createTempDirectory("dg-sandbox-state");
        manager = new SandboxManager(SandboxConfig.defaults().withStateDir(stateDir));
        manager.onEgressDenied(denials::add);
        assertThat(manager.status().available()).as(manager.status().reason()).isTrue();
    }

    @AfterAll
    static void stopManager() throws IOException {
        if (manager != null) {
            manager.close();
            assertThat(manager.openSandboxes()).isZero();
            try (var left = Files.list(stateDir)) {
                assertThat(left).as("private dirs left behind").isEmpty();
            }
            Files.delete(stateDir);
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectory(tmp.resolve("ws"));
        marker = "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @AfterEach
    void nothingLeft() {
        opened.forEach(Sandbox::close);
        for (Sandbox s : opened) {
            assertNothingRunning(s.id());
            assertThat(s.privateDir()).doesNotExist();
        }
        assertNothingRunning(marker);
    }

    private Sandbox open(SandboxSpec spec) {
        Sandbox s = manager.open(spec);
        opened.add(s);
        return s;
    }

    private Sandbox open(SandboxMode mode) {
        return open(SandboxSpec.of("step-" + marker, workspace, mode));
    }

    private static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    @Test
    void aCommandThatReadsStandardInputSeesItsEndAtOnce() throws Exception {
        Sandbox sandbox = open(SandboxMode.WORKSPACE_WRITE);

        // an agent CLI that waits for piped input (codex exec does) would otherwise hang until its timeout
        SandboxProcess p = sandbox.start(Phase.EXECUTION, sh("cat; echo read-done"), Map.of());

        assertThat(p.waitFor(Duration.ofSeconds(10))).as("ended without anyone closing its input").isTrue();
        assertThat(p.stdout().readAllBytes()).asString().isEqualTo("read-done\n");
    }

    @Test
    void cannotWriteOutsideTheWorkspace() {
        Sandbox sandbox = open(SandboxMode.WORKSPACE_WRITE);
        Path outside = tmp.resolve("outside-" + marker);

        ExecResult r = sandbox.run(sh("touch " + outside + "; touch /etc/" + marker + "; touch /usr/" + marker
                + "; touch inside && echo inside-ok"), Map.of(), TIMEOUT);

        // the workspace is writable, nothing else of the host is
        assertThat(r.stdout()).contains("inside-ok");
        assertThat(workspace.resolve("inside")).exists();
        assertThat(outside).doesNotExist();
        assertThat(Path.of("/etc/" + marker)).doesNotExist();
        assertThat(Path.of("/usr/" + marker)).doesNotExist();
    }

    @Test
    void readOnlyModeCannotWriteTheWorkspace() throws IOException {
        Files.writeString(workspace.resolve("existing.txt"), "original");
        Sandbox sandbox = open(SandboxMode.READ_ONLY);

        ExecResult r = sandbox.run(sh("cat existing.txt; echo changed > existing.txt; touch new.txt; rm existing.txt"),
                Map.of(), TIMEOUT);

        assertThat(r.stdout()).contains("original");
        assertThat(r.stderr()).contains("Read-only file system");
        assertThat(workspace.resolve("existing.txt")).hasContent("original");
        assertThat(workspace.resolve("new.txt")).doesNotExist();
    }

    @Test
    void executionPhaseCannotReachHostLoopbackServices() throws IOException {
        try (ServerSocket hostService = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            hostService.setSoTimeout(300);
            int port = hostService.getLocalPort();
            for (SandboxMode mode : List.of(SandboxMode.WORKSPACE_WRITE, SandboxMode.NETWORK_RESTRICTED)) {
                Sandbox sandbox = open(mode);

                // direct, and through the proxy (127.0.0.1 is not on the allow-list)
                ExecResult direct = sandbox.run(List.of("curl", "-sS", "-m", "3", "--noproxy", "*",
                        "http://127.0.0.1:" + port + "/"), Map.of(), TIMEOUT);
                ExecResult viaProxy = sandbox.run(List.of("curl", "-sS", "-m", "3", "-o", "/dev/null", "-w",
                        "%{http_code}", "http://127.0.0.1:" + port + "/"), Map.of(), TIMEOUT);

                assertThat(direct.exitCode()).as(mode + " direct").isNotZero();
                assertThat(viaProxy.exitCode() != 0 || viaProxy.stdout().equals("403")).as(mode + " via proxy")
                        .isTrue();
            }
            // not a single connection arrived at the host service
            try (var s = hostService.accept()) {
                throw new AssertionError("a sandbox reached the host service from " + s.getRemoteSocketAddress());
            } catch (SocketTimeoutException expected) {
                // nothing connected
            }
        }
    }

    @Test
    void outsideAddressesFailImmediately() {
        Sandbox sandbox = open(SandboxMode.NETWORK_RESTRICTED);

        long start = System.nanoTime();
        ExecResult r = sandbox.run(sh("for a in 169.254.169.254 10.255.255.1; do curl -sS -m 5 --noproxy '*' "
                + "http://$a/ 2>&1; echo \"rc=$?\"; done"), Map.of(), TIMEOUT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // the namespace has no route: the connect fails locally, without waiting for a timeout
        assertThat(r.stdout()).contains("rc=7").doesNotContain("rc=0").doesNotContain("rc=28");
        assertThat(took).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void allowedHostIsReachableThroughTheProxyAndOthersAreDenied() throws IOException {
        try (TestHttpServer allowed = new TestHttpServer("hello-" + marker);
             TestHttpServer other = new TestHttpServer("secret-data")) {
            String stepId = "step-" + marker;
            Sandbox sandbox = open(new SandboxSpec(stepId, workspace, SandboxMode.NETWORK_RESTRICTED, Map.of(),
                    List.of("127.0.0.1:" + allowed.port()), ResourceLimits.defaults()));

            // plain HTTP through the env proxy, and a CONNECT tunnel
            ExecResult plain = sandbox.run(List.of("curl", "-sS", "-m", "5", allowed.url()), Map.of(), TIMEOUT);
            ExecResult tunnel = sandbox.run(List.of("curl", "-sS", "-m", "5", "-p", allowed.url()), Map.of(), TIMEOUT);
            ExecResult deniedPlain = sandbox.run(List.of("curl", "-sS", "-m", "5", "-o", "/dev/null", "-w",
                    "%{http_code}", other.url()), Map.of(), TIMEOUT);
            ExecResult deniedTunnel = sandbox.run(List.of("curl", "-sS", "-m", "5", "-p", other.url()), Map.of(),
                    TIMEOUT);

            assertThat(plain.stdout()).as(plain.stderr()).isEqualTo("hello-" + marker);
            assertThat(tunnel.stdout()).as(tunnel.stderr()).isEqualTo("hello-" + marker);
            assertThat(deniedPlain.stdout()).isEqualTo("403");
            assertThat(deniedTunnel.exitCode()).isNotZero();
            assertThat(deniedTunnel.stderr()).contains("403");
            assertThat(other.requests.get()).isZero();
            // the denial is recorded with the step id, and reported to the manager's listener
            assertThat(sandbox.egressProxy().orElseThrow().deniedRequests())
                    .extracting(DeniedRequest::stepId, DeniedRequest::port)
                    .contains(org.assertj.core.groups.Tuple.tuple(stepId, other.port()));
            assertThat(denials).anyMatch(d -> d.stepId().equals(stepId) && d.port() == other.port());
        }
    }

    @Test
    void anAllowListedLoopbackEndpointIsReachedEvenByAClientThatIgnoresTheProxy() throws IOException {
        try (TestHttpServer model = new TestHttpServer("model-" + marker);
             TestHttpServer other = new TestHttpServer("host-service")) {
            String stepId = "step-" + marker;
            Sandbox sandbox = open(new SandboxSpec(stepId, workspace, SandboxMode.NETWORK_RESTRICTED, Map.of(),
                    List.of("127.0.0.1:" + model.port()), ResourceLimits.defaults()));

            // a client that connects to 127.0.0.1 itself, as many do for loopback whatever HTTPS_PROXY says
            ExecResult direct = sandbox.run(List.of("curl", "-sS", "-m", "5", "--noproxy", "*", model.url()), Map.of(),
                    TIMEOUT);
            ExecResult otherPort = sandbox.run(List.of("curl", "-sS", "-m", "3", "--noproxy", "*", other.url()),
                    Map.of(), TIMEOUT);

            // the named endpoint is forwarded through the proxy; any other loopback port is still unreachable
            assertThat(direct.stdout()).as(direct.stderr()).isEqualTo("model-" + marker);
            assertThat(otherPort.exitCode()).isNotZero();
            assertThat(other.requests.get()).isZero();
        }
    }

    @Test
    void setupPhaseReachesOnlyItsOwnAllowListAndNeverGetsTheCredentials() throws IOException {
        try (TestHttpServer registry = new TestHttpServer("setup-" + marker);
             TestHttpServer other = new TestHttpServer("host-service")) {
            // the setup allow-list names the local "registry" literally; the execution phase allows nothing
            Sandbox sandbox = open(new SandboxSpec("step-" + marker, workspace, SandboxMode.WORKSPACE_WRITE,
                    Map.of("AGENT_TOKEN", "tok-" + marker), List.of(), ResourceLimits.defaults(),
                    List.of("127.0.0.1:" + registry.port())));

            ExecResult setup = sandbox.setup(List.of("curl", "-sS", "-m", "5", registry.url()), Duration.ofSeconds(30));
            ExecResult hostService = sandbox.setup(List.of("curl", "-sS", "-m", "5", "-o", "/dev/null", "-w",
                    "%{http_code}", other.url()), Duration.ofSeconds(30));
            ExecResult direct = sandbox.setup(sh("for a in 127.0.0.1:" + other.port() + " 169.254.169.254 10.0.0.1; "
                    + "do curl -sS -m 3 --noproxy '*' http://$a/ >/dev/null 2>&1; echo \"rc=$?\"; done"),
                    Duration.ofSeconds(30));
            ExecResult setupEnv = sandbox.setup(sh("echo \"token=${AGENT_TOKEN:-none}\""), Duration.ofSeconds(30));
            ExecResult exec = sandbox.run(List.of("curl", "-sS", "-m", "3", registry.url()), Map.of(), TIMEOUT);
            ExecResult execEnv = sandbox.run(sh("echo \"token=${AGENT_TOKEN:-none}\""), Map.of(), TIMEOUT);

            assertThat(setup.stdout()).as(setup.stderr()).isEqualTo("setup-" + marker);
            // anything else, the host's own services included, is refused by the setup proxy or unroutable
            assertThat(hostService.stdout()).isEqualTo("403");
            assertThat(direct.stdout()).doesNotContain("rc=0");
            assertThat(other.requests.get()).isZero();
            assertThat(sandbox.setupEgressProxy().orElseThrow().deniedRequests()).isNotEmpty();
            // the agent's credential is the execution phase's only
            assertThat(setupEnv.stdout().strip()).isEqualTo("token=none");
            assertThat(execEnv.stdout().strip()).isEqualTo("token=tok-" + marker);
            assertThat(exec.exitCode()).isNotZero();
            assertThat(registry.requests.get()).isEqualTo(1);
        }
    }

    @Test
    void theSeccompFilterRefusesNestedNamespacesInside() {
        Sandbox sandbox = open(SandboxMode.WORKSPACE_WRITE);

        ExecResult r = sandbox.run(sh("for flags in -U -Ur -n -m; do unshare $flags true 2>/dev/null; "
                + "echo \"unshare$flags=$?\"; done; echo ordinary work still runs"), Map.of(), TIMEOUT);

        assertThat(r.stdout()).contains("unshare-U=1", "unshare-Ur=1", "unshare-n=1", "unshare-m=1",
                "ordinary work still runs");
        // the filter loaded: readiness says nothing of running without one
        assertThat(manager.status().reason()).doesNotContain("seccomp");
    }

    @Test
    void aReadOnlyStepHasNoSetupPhase() {
        Sandbox sandbox = open(SandboxMode.READ_ONLY);

        assertThatThrownBy(() -> sandbox.setup(sh("echo dep > installed.txt"), Duration.ofSeconds(30)))
                .isInstanceOf(SandboxPolicyException.class).hasMessageContaining("READ_ONLY");
        ExecResult exec = sandbox.run(sh("echo x > installed.txt"), Map.of(), TIMEOUT);

        assertThat(exec.exitCode()).isNotZero();
        assertThat(workspace.resolve("installed.txt")).doesNotExist();
    }

    @Test
    void anotherStepsWorkspaceIsInvisible() throws IOException {
        Path first = workspace;
        Files.writeString(first.resolve("private.txt"), "first-step-data");
        Path second = Files.createDirectory(tmp.resolve("ws2"));
        Sandbox one = open(SandboxMode.WORKSPACE_WRITE);
        Sandbox two = open(SandboxSpec.of("step-two-" + marker, second, SandboxMode.WORKSPACE_WRITE));

        ExecResult r = two.run(sh("cat " + first.resolve("private.txt") + "; ls " + first + "; ls " + one.privateDir()
                + "; echo end"), Map.of(), TIMEOUT);

        assertThat(r.stdout()).doesNotContain("first-step-data").doesNotContain("private.txt").contains("end");
        assertThat(r.stderr()).contains("No such file or directory");
    }

    @Test
    void workerEnvironmentIsNotVisible() {
        String workerSecret = System.getenv("DG_SANDBOX_TEST_WORKER_SECRET");
        assumeTrue(workerSecret != null, "run through surefire, which sets the worker secret");
        Sandbox sandbox = open(SandboxSpec.of("step-" + marker, workspace, SandboxMode.WORKSPACE_WRITE)
                .withEnv(Map.of("AGENT_API_KEY", "agent-key-" + marker)));

        ExecResult r = sandbox.run(List.of("env"), Map.of(), TIMEOUT);

        // only the allow-listed variables and the spec's credentials are there
        assertThat(r.stdout()).doesNotContain(workerSecret).doesNotContain("DG_SANDBOX_TEST_WORKER_SECRET")
                .contains("AGENT_API_KEY=agent-key-" + marker).contains("HOME=/home/agent").contains("TMPDIR=/tmp");
        assertThat(r.stdout().lines().map(l -> l.substring(0, l.indexOf('='))).toList())
                .allMatch(name -> List.of("PATH", "LANG", "TERM", "HOME", "TMPDIR", "AGENT_API_KEY", "PWD", "SHLVL",
                        "_", "OLDPWD").contains(name));
    }

    @Test
    void gitHooksAndConfigCannotBeModified() throws IOException {
        Files.createDirectories(workspace.resolve(".git/hooks"));
        Files.writeString(workspace.resolve(".git/config"), "[core]\n");
        Sandbox sandbox = open(SandboxMode.WORKSPACE_WRITE);

        ExecResult r = sandbox.run(sh("echo 'curl evil' > .git/hooks/pre-commit; echo '[core] hooksPath=/tmp' >> "
                + ".git/config; rm -f .git/config; mv .git/hooks .git/h2; echo ok > .git/HEAD && echo head-ok"),
                Map.of(), TIMEOUT);

        assertThat(workspace.resolve(".git/hooks/pre-commit")).doesNotExist();
        assertThat(workspace.resolve(".git/config")).hasContent("[core]");
        assertThat(workspace.resolve(".git/hooks")).isDirectory();
        assertThat(r.stdout()).contains("head-ok");
    }

    @Test
    void missingHooksDirectoryIsCreatedAndProtected() throws IOException {
        Files.createDirectories(workspace.resolve(".git"));
        Sandbox sandbox = open(SandboxMode.WORKSPACE_WRITE);

        sandbox.run(sh("mkdir -p .git/hooks; echo evil > .git/hooks/post-checkout"), Map.of(), TIMEOUT);

        assertThat(workspace.resolve(".git/hooks/post-checkout")).doesNotExist();
    }

    @Test
    void symlinkedGitConfigIsRefused() throws IOException {
        Files.createDirectories(workspace.resolve(".git/hooks"));
        Files.createSymbolicLink(workspace.resolve(".git/config"), Path.of("/etc/passwd"));
        Sandbox sandbox = open(SandboxMode.WORKSPACE_WRITE);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sandbox.run(List.of("true"), Map.of(), TIMEOUT))
                .isInstanceOf(SandboxPolicyException.class);
    }

    @Test
    void workspaceSymlinkIntoSensitivePlaceIsRefused() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("innocent"), Path.of("/etc"));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> open(SandboxSpec.of("step-" + marker, link, SandboxMode.WORKSPACE_WRITE)))
                .isInstanceOf(SandboxPolicyException.class).hasMessageContaining("/etc");
    }

    @Test
    void timeoutKillsSetsidGrandchildren() {
        Sandbox sandbox = open(SandboxMode.WORKSPACE_WRITE);
        String sleepArg = "4242." + Math.abs(marker.hashCode() % 100000);

        long start = System.nanoTime();
        ExecResult r = sandbox.run(sh("setsid sleep " + sleepArg + " & setsid sh -c 'sleep " + sleepArg
                + "' " + marker + " & sleep " + sleepArg), Map.of(), Duration.ofSeconds(1));

        assertThat(r.timedOut()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        // checked without closing the sandbox first: the kill alone took the whole tree down
        assertNothingRunning(sleepArg);
        assertNothingRunning(marker);
    }

    @Test
    void aRunThatExitsTakesItsDaemonsWithItSoClosingNeedsNoSearch() throws Exception {
        // closing a finished run skips the search for its descendants: the PID namespace must have done it already
        Sandbox sandbox = open(SandboxMode.WORKSPACE_WRITE);
        String sleepArg = "4343." + Math.abs(marker.hashCode() % 100000);
        SandboxProcess p = sandbox.start(sh("setsid sleep " + sleepArg + " & setsid sh -c 'sleep " + sleepArg
                + "' " + marker + " & exit 0"), Map.of());

        assertThat(p.waitFor()).isZero();

        // checked before the sandbox closes: nothing of the run outlived it
        assertNothingRunning(sleepArg);
        assertNothingRunning(marker);
        sandbox.close();
        assertThat(sandbox.privateDir()).doesNotExist();
    }

    @Test
    void closingAfterTheRunsHaveEndedEmptiesTheCgroupsForTheNextSandbox() throws Exception {
        Sandbox sandbox = open(SandboxSpec.of("step-" + marker, workspace, SandboxMode.WORKSPACE_WRITE)
                .withLimits(ResourceLimits.defaults()));
        assumeTrue(sandbox.cgroup() != null, "no writable cgroup here");
        List<Path> groups = sandbox.cgroup().dirs();
        // a run that leaves a daemon: its PID namespace takes it along, a moment after the run itself has ended
        String sleepArg = "4545." + Math.abs(marker.hashCode() % 100000);
        SandboxProcess p = sandbox.start(sh("setsid sleep " + sleepArg + " & exit 0"), Map.of());
        assertThat(p.waitFor()).isZero();
        assertThat(groups).as("the run's groups").isNotEmpty().allMatch(Files::isDirectory);

        sandbox.close();

        // at once, or in the background once the exiting processes have left: nothing of the run stays in them
        await().atMost(Duration.ofSeconds(5)).until(() -> groups.stream().allMatch(BubblewrapSandboxTest::holdsOnlyUs));
        assertNothingRunning(sleepArg);
        assertThat(sandbox.privateDir()).doesNotExist();

        // the emptied groups serve the next sandbox, with that sandbox's limits
        Sandbox next = open(SandboxSpec.of("step-" + marker, workspace, SandboxMode.WORKSPACE_WRITE)
                .withLimits(ResourceLimits.defaults().withMaxProcesses(77)));
        assertThat(next.cgroup().dirs()).containsExactlyElementsOf(groups);
        Path pids = groups.stream().filter(g -> Files.exists(g.resolve("pids.max"))).findFirst().orElseThrow();
        assertThat(Files.readString(pids.resolve("pids.max")).trim()).isEqualTo("80"); // its 77 and bwrap's own 3
        assertThat(next.start(sh("exit 0"), Map.of()).waitFor()).as("a run in the reused groups").isZero();
    }

    /** Whether the group has no process but this JVM (whose sandbox launcher thread lives there), or is gone. */
    private static boolean holdsOnlyUs(Path group) {
        try {
            return Files.readAllLines(group.resolve("cgroup.procs")).stream().map(String::trim)
                    .allMatch(pid -> pid.isEmpty() || pid.equals(Long.toString(ProcessHandle.current().pid())));
        } catch (IOException gone) {
            return !Files.exists(group);
        }
    }

    @Test
    void cancelKillsARunningCommandAndCloseCleansUp() throws Exception {
        Sandbox sandbox = open(SandboxMode.WORKSPACE_WRITE);
        SandboxProcess p = sandbox.start(sh("setsid sleep 3000 & exec sleep 3001"), Map.of());
        assertThat(p.isAlive()).isTrue();

        sandbox.close();

        assertThat(p.isAlive()).isFalse();
        assertThat(p.killed()).isTrue();
        assertNothingRunning(sandbox.id());
        assertThat(sandbox.privateDir()).doesNotExist();
    }

    @Test
    void processCountIsBounded() {
        Sandbox sandbox = open(SandboxSpec.of("step-" + marker, workspace, SandboxMode.WORKSPACE_WRITE)
                .withLimits(ResourceLimits.defaults().withMaxProcesses(40)));

        // fork until the kernel refuses, then count the processes the sandbox can see
        ExecResult r = sandbox.run(List.of("perl", "-e", "my $n = 0; for (1..200) { my $p = fork(); last unless "
                + "defined $p; if ($p == 0) { sleep 60; exit } $n++ } my @all = glob('/proc/[0-9]*'); "
                + "print \"forked=$n visible=\" . scalar(@all) . \"\\n\""), Map.of(), Duration.ofSeconds(10));

        String[] fields = r.stdout().trim().split("[ =]");
        int count = Integer.parseInt(fields[3]);
        assertThat(count).as(r.toString()).isBetween(5, 44);
        assertThat(Integer.parseInt(fields[1])).isLessThan(44);
    }

    @Test
    void forkBombIsContainedAndCleanedUp() {
        Sandbox sandbox = open(SandboxSpec.of("step-" + marker, workspace, SandboxMode.WORKSPACE_WRITE)
                .withLimits(ResourceLimits.defaults().withMaxProcesses(64)));

        // the shell becomes the sleep (exec): once the bomb holds every pid the limit allows, a forked sleep would
        // fail at once and end the run before its timeout
        ExecResult r = sandbox.run(List.of("/bin/sh", "-c", "b() { b | b & }; b; exec sleep 30", marker), Map.of(),
                Duration.ofSeconds(3));

        // the bomb ran until the timeout; the host still starts processes, and nothing of the bomb is left
        assertThat(r.timedOut()).isTrue();
        assertThat(sandbox.run(List.of("true"), Map.of(), TIMEOUT).exitCode()).isZero();
        assertNothingRunning(marker);
        assertNothingRunning(sandbox.id());
    }

    @Test
    void memoryLimitStopsLargeAllocations() {
        Sandbox limited = open(SandboxSpec.of("step-" + marker, workspace, SandboxMode.WORKSPACE_WRITE)
                .withLimits(ResourceLimits.defaults().withMemoryBytes(256L << 20)));
        Sandbox unlimited = open(SandboxSpec.of("step-u-" + marker, workspace, SandboxMode.WORKSPACE_WRITE)
                .withLimits(ResourceLimits.defaults().withMemoryBytes(0)));
        List<String> allocate = List.of("dd", "if=/dev/zero", "of=/dev/null", "bs=512M", "count=1");

        ExecResult r = limited.run(allocate, Map.of(), TIMEOUT);
        ExecResult control = unlimited.run(allocate, Map.of(), TIMEOUT);

        // killed by the memory cgroup, or refused its buffer under RLIMIT_AS where no cgroup is writable
        assertThat(r.exitCode()).as(r.toString()).isNotZero();
        assertThat(control.exitCode()).as(control.stderr()).isZero();
    }

    @Test
    void memoryLimitCountsWhatIsUsedNotWhatIsReserved() {
        assumeTrue(manager.limitsMemoryByCgroup(), "no writable memory cgroup here");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")), "node is not installed");
        Sandbox sandbox = open(SandboxSpec.of("step-" + marker, workspace, SandboxMode.WORKSPACE_WRITE)
                .withLimits(ResourceLimits.defaults().withMemoryBytes(512L << 20)));

        // V8 reserves about 10 GiB of address space for a WebAssembly memory, as the node-based agent CLIs do
        ExecResult r = sandbox.run(List.of("/usr/bin/node", "-e",
                "new WebAssembly.Memory({initial: 1, maximum: 65536}); console.log('reserved')"), Map.of(), TIMEOUT);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("reserved");
    }

    @Test
    void outputCapKillsTheRun() {
        Sandbox sandbox = open(SandboxSpec.of("step-" + marker, workspace, SandboxMode.WORKSPACE_WRITE)
                .withLimits(ResourceLimits.defaults().withMaxOutputBytes(10_000)));

        ExecResult r = sandbox.run(List.of("yes", marker), Map.of(), TIMEOUT);

        assertThat(r.outputLimitExceeded()).isTrue();
        assertThat(r.timedOut()).isFalse();
        assertThat(r.stdout().length() + r.stderr().length()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void printedSecretIsRedacted() {
        String secret = "sk-" + marker + "-very-secret";
        Sandbox sandbox = open(SandboxSpec.of("step-" + marker, workspace, SandboxMode.WORKSPACE_WRITE)
                .withEnv(Map.of("AGENT_API_KEY", secret)));
        SecretRedactor redactor = SecretRedactor.of(sandbox.spec().env().values());

        ExecResult r = sandbox.run(sh("echo \"key is $AGENT_API_KEY\""), Map.of(), TIMEOUT);

        assertThat(r.stdout()).contains(secret);
        assertThat(redactor.redact(r.stdout())).isEqualTo("key is ***\n");
    }

    @Test
    void capabilitiesAreDroppedAndPidNamespaceIsPrivate() {
        Sandbox sandbox = open(SandboxMode.WORKSPACE_WRITE);

        ExecResult r = sandbox.run(sh("grep CapEff /proc/self/status; ls /proc | grep -c '^[0-9]'; hostname"),
                Map.of(), TIMEOUT);

        assertThat(r.stdout()).contains("CapEff:\t0000000000000000").contains("sandbox");
        int visible = Integer.parseInt(r.stdout().lines().toList().get(1).trim());
        assertThat(visible).isLessThan(6);
    }
}
