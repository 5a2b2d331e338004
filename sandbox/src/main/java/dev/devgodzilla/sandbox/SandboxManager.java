package dev.devgodzilla.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;


import org.jboss.logging.Logger;


import dev.devgodzilla.contracts.messages.SandboxMode;
import dev.devgodzilla.sandbox.backend.BackendProbe;
import dev.devgodzilla.sandbox.backend.BubblewrapBackend;
import dev.devgodzilla.sandbox.backend.ContainerBackend;
import dev.devgodzilla.sandbox.backend.HostUser;
import dev.devgodzilla.sandbox.backend.LaunchPlan;
import dev.devgodzilla.sandbox.backend.NoSandboxBackend;
import dev.devgodzilla.sandbox.backend.SandboxBackend;
import dev.devgodzilla.sandbox.egress.DeniedRequest;
import dev.devgodzilla.sandbox.egress.EgressAllowList;
import dev.devgodzilla.sandbox.egress.EgressProxy;
import dev.devgodzilla.sandbox.limits.CgroupPool;
import dev.devgodzilla.sandbox.limits.ResourceLimits;
import dev.devgodzilla.sandbox.limits.SandboxCgroup;

/**
 * Opens sandboxes for steps with the configured backend and policy. It reports the backend and whether it works
 * ({@link #status()}) and refuses to open anything when the backend is not usable, rather than run unsandboxed.
 * Open sandboxes are closed on {@link #close()} and by a JVM shutdown hook.
 */
public final class SandboxManager implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SandboxManager.class);

    private final SandboxConfig config;
    private final SandboxBackend backend;
    private final SandboxStatus status;
    private final List<String> warnings;
    private final WorkspaceGuard guard;
    /** The worker's own groups, below which each sandbox gets its own; null where not usable. */
    private final Path pidsHome;
    private final Path memoryHome;
    private final CgroupPool cgroups;
    private final Set<Sandbox> open = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook;
    private volatile Consumer<DeniedRequest> denialListener = d -> { };
    private volatile boolean closed;

    public SandboxManager(SandboxConfig config) {
        this.config = config;
        Selection selection = select(config);
        this.backend = selection.backend();
        this.status = selection.status();
        this.guard = new WorkspaceGuard(config.forbiddenWorkspaceRoots(), config.stateDir());
        // Containers bring their own limits; bubblewrap runs get cgroups where the worker may create them.
        boolean cgroups = status.available() && !(backend instanceof ContainerBackend);
        this.pidsHome = cgroups ? SandboxCgroup.writableHome(config.cgroupRoot(), "pids").orElse(null) : null;
        this.memoryHome = cgroups ? SandboxCgroup.writableHome(config.cgroupRoot(), "memory").orElse(null) : null;
        SandboxCgroup.sweepStale(pidsHome);
        SandboxCgroup.sweepStale(memoryHome);
        this.cgroups = new CgroupPool(pidsHome, memoryHome);
        List<String> w = new ArrayList<>(backend == null ? List.of() : backend.warnings());
        if (!status.available()) {
            w.add("sandbox backend " + status.backend() + " is not usable: " + status.reason());
        }
        if (cgroups && HostUser.isRoot() && pidsHome == null) {
            // the kernel ignores RLIMIT_NPROC for root: without the cgroup nothing bounds the process count
            w.add("worker runs as root and no writable pids cgroup was found under " + config.cgroupRoot()
                    + ": process-count limits are not enforced");
        }
        if (cgroups && memoryHome == null) {
            w.add("no writable memory cgroup under " + config.cgroupRoot()
                    + ": memory is limited per process by address space (RLIMIT_AS)");
        }
        this.warnings = List.copyOf(w);
        warnings.forEach(LOG::warn);
        this.shutdownHook = new Thread(this::closeAll, "sandbox-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        LOG.infof("Sandbox backend %s, available=%s (%s), max mode %s", status.backend(), status.available(),
                status.reason(), config.maxMode());
    }

    /** Backend in use, whether it can run sandboxes here and why (for health). */
    public SandboxStatus status() {
        return status;
    }

    /** Conditions an operator should see in health, such as the unisolated {@code none} backend. */
    public List<String> warnings() {
        return warnings;
    }

    /** Whether a sandbox's memory limit is one cgroup for all its processes (else RLIMIT_AS per process). */
    public boolean limitsMemoryByCgroup() {
        return memoryHome != null;
    }

    public SandboxConfig config() {
        return config;
    }

    /** Receives every request an egress proxy refuses (in addition to the log line). */
    public void onEgressDenied(Consumer<DeniedRequest> listener) {
        this.denialListener = listener == null ? d -> { } : listener;
    }

    /** Sandboxes opened and not yet closed. */
    public int openSandboxes() {
        return open.size();
    }

    /**
     * Opens a sandbox for a step.
     *
     * @throws SandboxPolicyException when the mode exceeds the configured maximum or the workspace is not allowed
     * @throws SandboxUnavailableException when the backend cannot run sandboxes on this host
     */
    public Sandbox open(SandboxSpec spec) {
        if (closed) {
            throw new IllegalStateException("sandbox manager is closed");
        }
        if (spec.mode().compareTo(config.maxMode()) > 0) {
            throw new SandboxPolicyException("step " + spec.stepId() + " asks for sandbox mode " + spec.mode()
                    + ", above the allowed maximum " + config.maxMode());
        }
        if (!status.available()) {
            throw new SandboxUnavailableException("sandbox backend " + status.backend() + " is not usable ("
                    + status.reason() + "); refusing to run step " + spec.stepId() + " unsandboxed");
        }
        EgressAllowList allowList = EgressAllowList.parse(spec.egressAllowList());
        Path workspace = guard.resolve(spec.workspace());
        String id = HexFormat.of().formatHex(randomBytes());
        Path dir = config.stateDir().resolve(id);
        EgressProxy proxy = null;
        SandboxCgroup cgroup = null;
        try {
            createPrivateDir(dir);
            if (needsProxy(spec, allowList)) {
                proxy = EgressProxy.start(dir.resolve("run").resolve(LaunchPlan.PROXY_SOCKET_NAME), allowList,
                        spec.stepId(), d -> denialListener.accept(d));
            }
            ResourceLimits limits = spec.limits();
            // three more tasks: bwrap's own monitor and namespace init, and the sandbox's launcher thread
            cgroup = cgroups.take(limits.maxProcesses() > 0 ? limits.maxProcesses() + 3 : 0, limits.memoryBytes())
                    .orElse(null);
        } catch (IOException | RuntimeException e) {
            if (proxy != null) {
                proxy.close();
            }
            if (cgroup != null) {
                cgroups.giveBack(cgroup, true);
            }
            Sandbox.deleteTree(dir);
            throw new SandboxException("cannot prepare sandbox for step " + spec.stepId() + ": " + e.getMessage(), e);
        }
        Sandbox[] self = new Sandbox[1];
        Sandbox sandbox = new Sandbox(id, spec, workspace, dir, backend, guard, proxy, d -> denialListener.accept(d),
                cgroup, cgroups, () -> open.remove(self[0]));
        self[0] = sandbox;
        open.add(sandbox);
        LOG.debugf("Opened sandbox %s for step %s (%s, %s)", id, spec.stepId(), backend.name(), spec.mode());
        return sandbox;
    }

    /** Closes all open sandboxes and stops accepting new ones. */
    @Override
    public void close() {
        closed = true;
        closeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run already
        }
    }

    private void closeAll() {
        for (Sandbox s : new ArrayList<>(open)) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Closing sandbox %s failed", s.id());
            }
        }
        cgroups.close();
    }

    /**
     * NETWORK_RESTRICTED always gets the proxy (so denials are visible); READ_ONLY and WORKSPACE_WRITE get it only
     * when the spec allows some host (typically the agent's model API); FULL_ACCESS has the host network.
     */
    private static boolean needsProxy(SandboxSpec spec, EgressAllowList allowList) {
        return switch (spec.mode()) {
            case NETWORK_RESTRICTED -> true;
            case READ_ONLY, WORKSPACE_WRITE -> !allowList.isEmpty();
            case FULL_ACCESS -> false;
        };
    }

    private void createPrivateDir(Path dir) throws IOException {
        var owner = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(config.stateDir(), owner);
        Files.createDirectory(dir, owner);
        Files.createDirectory(dir.resolve("home"), owner);
        Files.createDirectory(dir.resolve("tmp"), owner);
        Files.createDirectory(dir.resolve("run"), owner);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private record Selection(SandboxBackend backend, SandboxStatus status) {
    }

    private static Selection select(SandboxConfig config) {
        return switch (config.backend()) {
            case BWRAP -> probed(new BubblewrapBackend(config));
            case DOCKER -> probed(ContainerBackend.docker(config));
            case PODMAN -> probed(ContainerBackend.podman(config));
            case NONE -> probed(new NoSandboxBackend());
            case AUTO -> {
                List<String> reasons = new ArrayList<>();
                for (SandboxBackend candidate : List.of(new BubblewrapBackend(config),
                        ContainerBackend.docker(config), ContainerBackend.podman(config))) {
                    Selection s = probed(candidate);
                    if (s.status().available()) {
                        yield s;
                    }
                    reasons.add(candidate.name() + ": " + s.status().reason());
                }
                yield new Selection(null, new SandboxStatus("auto", false, String.join("; ", reasons)));
            }
        };
    }

    private static Selection probed(SandboxBackend backend) {
        BackendProbe probe = backend.probe();
        return new Selection(backend, new SandboxStatus(backend.name(), probe.available(), probe.reason()));
    }

    /** True when {@code mode} is within {@code max}. */
    public static boolean allows(SandboxMode max, SandboxMode mode) {
        return mode.compareTo(max) <= 0;
    }
}
