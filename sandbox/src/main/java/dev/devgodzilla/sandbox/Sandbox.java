package dev.devgodzilla.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;


import org.jboss.logging.Logger;


import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.sandbox.backend.Launch;
import dev.devgodzilla.sandbox.backend.LaunchPlan;
import dev.devgodzilla.sandbox.backend.NetworkAccess;
import dev.devgodzilla.sandbox.backend.SandboxBackend;
import dev.devgodzilla.sandbox.egress.DeniedRequest;
import dev.devgodzilla.sandbox.egress.EgressAllowList;
import dev.devgodzilla.sandbox.egress.EgressProxy;
import dev.devgodzilla.sandbox.limits.CgroupPool;
import dev.devgodzilla.sandbox.limits.SandboxCgroup;

/**
 * One step's sandbox: a private directory (HOME, TMPDIR, proxy socket), an egress proxy when the mode needs one,
 * and the processes started in it. {@link #close()} kills every process, stops the proxy, removes the cgroup and
 * deletes the private directory; it is safe to call more than once and from the manager's shutdown hook.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Sandbox.class);
    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final String id;
    private final SandboxSpec spec;
    private final Path workspace;
    private final Path privateDir;
    private final SandboxBackend backend;
    private final WorkspaceGuard guard;
    private final EgressProxy proxy;
    private final Consumer<DeniedRequest> onDenied;
    private EgressProxy setupProxy;
    private final SandboxCgroup cgroup;
    private final CgroupPool cgroups;
    private final Runnable onClose;
    private final Set<SandboxProcess> processes = ConcurrentHashMap.newKeySet();
    private final AtomicInteger launches = new AtomicInteger();
    private volatile boolean closed;

    Sandbox(String id, SandboxSpec spec, Path workspace, Path privateDir, SandboxBackend backend,
            WorkspaceGuard guard, EgressProxy proxy, Consumer<DeniedRequest> onDenied, SandboxCgroup cgroup,
            CgroupPool cgroups, Runnable onClose) {
        this.id = id;
        this.spec = spec;
        this.workspace = workspace;
        this.privateDir = privateDir;
        this.backend = backend;
        this.guard = guard;
        this.proxy = proxy;
        this.onDenied = onDenied;
        this.cgroup = cgroup;
        this.cgroups = cgroups;
        this.onClose = onClose;
    }

    /** The sandbox's cgroups; null where none bounds it. */
    SandboxCgroup cgroup() {
        return cgroup;
    }

    /** Unique id; it is part of every host path the sandbox uses (handy to find its processes). */
    public String id() {
        return id;
    }

    public SandboxSpec spec() {
        return spec;
    }

    public SandboxMode mode() {
        return spec.mode();
    }

    /** The workspace's real path, as mounted inside. */
    public Path workspace() {
        return workspace;
    }

    /** The private directory on the host holding HOME, TMPDIR and the proxy socket; deleted on close. */
    public Path privateDir() {
        return privateDir;
    }

    /** The egress proxy, present when the execution phase reaches the network through it. */
    public Optional<EgressProxy> egressProxy() {
        return Optional.ofNullable(proxy);
    }

    /** Starts a command in the execution phase. */
    public SandboxProcess start(List<String> command, Map<String, String> env) {
        return start(Phase.EXECUTION, command, env);
    }

    /**
     * Starts a command. {@code env} adds to the spec's variables; the worker's own environment is never passed.
     * The SETUP phase is bounded by the step's policy like the execution: the workspace is as writable as the
     * mode allows (a READ_ONLY step has no setup phase), the spec's variables (the agent's credentials) are not
     * given to it, and its network is a proxy of its own that lets through only the setup allow-list.
     *
     * @throws SandboxPolicyException a setup command for a READ_ONLY step
     */
    public SandboxProcess start(Phase phase, List<String> command, Map<String, String> env) {
        return start(phase, command, env, null);
    }

    /**
     * Like {@link #start(Phase, List, Map)}, with {@code stdin} (a host file, e.g. the prompt in the private
     * directory, which is not mounted) as the command's standard input; null for end-of-file at once.
     */
    public SandboxProcess start(Phase phase, List<String> command, Map<String, String> env, Path stdin) {
        if (closed) {
            throw new IllegalStateException("sandbox " + id + " is closed");
        }
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        LaunchPlan plan = plan(phase, command, env == null ? Map.of() : env);
        Launch launch = backend.launch(plan);
        ProcessBuilder pb = new ProcessBuilder(launch.command()).directory(workspace.toFile());
        pb.environment().clear();
        pb.environment().putAll(launch.environment());
        // nothing is ever typed to an agent: with an open pipe some CLIs (codex exec) wait for more input
        pb.redirectInput(ProcessBuilder.Redirect.from(stdin == null ? new File("/dev/null") : stdin.toFile()));
        Process process = fork(pb);
        SandboxProcess sp = new SandboxProcess(process, phase, spec.limits().maxOutputBytes(),
                backend.cleanupCommand(plan), backend.runsEndWithTheirProcess());
        processes.add(sp);
        process.onExit().thenRun(() -> processes.remove(sp));
        if (closed) {
            // close() ran while this one was starting; do not let it outlive the sandbox
            sp.kill();
            throw new IllegalStateException("sandbox " + id + " is closed");
        }
        return sp;
    }

    /** Runs a command in the execution phase to completion or timeout, capturing its output. */
    public ExecResult run(List<String> command, Map<String, String> env, Duration timeout) {
        return run(Phase.EXECUTION, command, env, timeout);
    }

    /** The setup phase (the registries of its allow-list, no credentials) with its own timeout, for installs. */
    public ExecResult setup(List<String> command, Duration timeout) {
        return run(Phase.SETUP, command, Map.of(), timeout);
    }

    /** Runs a command to completion; on timeout the whole run is killed and {@code timedOut} is set. */
    public ExecResult run(Phase phase, List<String> command, Map<String, String> env, Duration timeout) {
        SandboxProcess p = start(phase, command, env);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outReader = Thread.ofVirtual().start(() -> drain(p.stdout(), out));
        Thread errReader = Thread.ofVirtual().start(() -> drain(p.stderr(), err));
        boolean timedOut = false;
        try {
            if (!p.waitFor(timeout)) {
                timedOut = true;
                LOG.infof("Sandbox %s (step %s): command timed out after %s; killing it", id, spec.stepId(), timeout);
                p.kill();
            }
            // a leftover writer (a grandchild holding the pipe) cannot keep us here: it died with the namespace
            outReader.join(Duration.ofSeconds(5));
            errReader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            p.kill();
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for a sandboxed command", e);
        }
        int exit = p.isAlive() ? -1 : p.exitValue();
        return new ExecResult(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                timedOut, p.outputLimitExceeded());
    }

    /** Processes started here that are still running. */
    public List<SandboxProcess> processes() {
        return List.copyOf(processes);
    }

    /** Kills every process, stops the proxy, removes the cgroup and deletes the private directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // a backend whose runs can leave daemons behind may still have something running in the groups
        boolean running = !backend.runsEndWithTheirProcess() || processes.stream().anyMatch(SandboxProcess::isAlive);
        for (SandboxProcess p : new ArrayList<>(processes)) {
            p.kill();
        }
        processes.clear();
        if (proxy != null) {
            proxy.close();
        }
        synchronized (this) {
            if (setupProxy != null) {
                setupProxy.close();
            }
        }
        if (cgroup != null) {
            // what was still running is gone before this returns; what is only exiting is waited for in the background
            cgroups.giveBack(cgroup, running);
        }
        try {
            deleteTree(privateDir);
        } catch (UncheckedIOException e) {
            LOG.warnf("Sandbox %s: %s", id, e.getMessage());
        }
        onClose.run();
        LOG.debugf("Sandbox %s (step %s) closed", id, spec.stepId());
    }

    private LaunchPlan plan(Phase phase, List<String> command, Map<String, String> extraEnv) {
        boolean setup = phase == Phase.SETUP;
        if (setup && spec.mode() == SandboxMode.READ_ONLY) {
            throw new SandboxPolicyException("step " + spec.stepId() + " is READ_ONLY: it has no setup phase, "
                    + "since a setup command would change the workspace the step may only read");
        }
        boolean writable = spec.mode() != SandboxMode.READ_ONLY;
        NetworkAccess network;
        Path runDir = privateDir.resolve("run");
        if (setup) {
            network = NetworkAccess.EGRESS_PROXY;
            runDir = setupProxy().socketPath().getParent();
        } else if (spec.mode() == SandboxMode.FULL_ACCESS) {
            network = NetworkAccess.HOST;
        } else if (proxy != null) {
            network = NetworkAccess.EGRESS_PROXY;
        } else {
            network = NetworkAccess.NONE;
        }
        List<Path> readOnly = writable ? guard.readOnlyGitPaths(workspace) : List.of();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("LANG", System.getenv().getOrDefault("LANG", "C.UTF-8"));
        env.put("TERM", System.getenv().getOrDefault("TERM", "dumb"));
        if (!setup) {
            env.putAll(spec.env());
        }
        env.putAll(extraEnv);
        return new LaunchPlan(id + "-" + launches.incrementAndGet(), workspace, writable, readOnly, network,
                privateDir.resolve("home"), privateDir.resolve("tmp"), runDir, env, command,
                cgroup == null ? spec.limits() : cgroup.remainingRlimits(spec.limits()),
                network == NetworkAccess.EGRESS_PROXY && !setup
                        ? EgressAllowList.parse(spec.egressAllowList()).loopbackPorts() : List.of());
    }

    /** The setup phase's proxy, started on first use: most steps have no setup command. */
    private synchronized EgressProxy setupProxy() {
        if (setupProxy == null) {
            try {
                Path runDir = Files.createDirectories(privateDir.resolve("setup-run"));
                setupProxy = EgressProxy.start(runDir.resolve(LaunchPlan.PROXY_SOCKET_NAME),
                        EgressAllowList.parse(spec.setupEgressAllowList()), spec.stepId(), onDenied);
            } catch (IOException e) {
                throw new SandboxException("cannot start the setup phase's egress proxy: " + e.getMessage(), e);
            }
        }
        return setupProxy;
    }

    /** The setup phase's proxy, once a setup command has started. */
    public synchronized Optional<EgressProxy> setupEgressProxy() {
        return Optional.ofNullable(setupProxy);
    }

    private Process fork(ProcessBuilder pb) {
        Callable<Process> start = pb::start;
        try {
            if (cgroup == null) {
                return start.call();
            }
            return cgroup.fork(start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while starting a sandboxed command", e);
        } catch (Exception e) {
            throw new SandboxException("cannot start sandboxed command: " + e.getMessage(), e);
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (sink) {
                    sink.write(buf, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the process was killed; what was read so far is kept
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            // walkFileTree does not follow symlinks, so links planted in HOME or TMPDIR are removed, not followed
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    // the sandbox may have removed its own write permission on a directory
                    dir.toFile().setWritable(true, true);
                    dir.toFile().setExecutable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete sandbox directory " + root, e);
        }
    }
}
