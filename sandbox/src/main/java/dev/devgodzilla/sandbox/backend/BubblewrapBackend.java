package dev.devgodzilla.sandbox.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;


import dev.devgodzilla.sandbox.SandboxConfig;

/**
 * Runs commands under bubblewrap: own user, PID, IPC, UTS and cgroup namespaces, own network namespace unless
 * the plan asks for the host network, no capabilities, a new session, and death with the parent. The host
 * file system is visible read-only except for a few masked secrets; the workspace, HOME and TMPDIR are bound
 * in. Killing the bwrap process kills the sandbox's PID 1 (via --die-with-parent), which tears down the whole
 * PID namespace, setsid descendants included. Every process runs under the {@link SeccompFilter}, which bwrap
 * reads on a file descriptor that a one-line shell opens for it before it becomes bwrap.
 */
public final class BubblewrapBackend implements SandboxBackend {

    /** Top-level host directories made visible read-only (symlinks, as on merged-/usr systems, are recreated). */
    private static final List<String> SYSTEM_DIRS = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
            "/libx32", "/etc");
    /** Files under /etc that hold host secrets; hidden even though /etc is read-only. */
    private static final List<String> MASKED_FILES = List.of("/etc/shadow", "/etc/gshadow", "/etc/shadow-",
            "/etc/gshadow-", "/etc/sudoers", "/etc/machine-id");
    private static final List<String> MASKED_DIRS = List.of("/etc/ssh", "/etc/sudoers.d", "/etc/ssl/private");

    /** The file descriptor bwrap reads the seccomp filter from. */
    private static final String SECCOMP_FD = "9";

    private final SandboxConfig config;
    private final boolean workerIsRoot;
    /** The host's layout does not change while the worker runs; computed once to keep each start cheap. */
    private final List<String> systemMounts;
    private final List<String> systemMountsWithDns;
    /** The seccomp filter's file, or empty where there is none for this machine or it cannot be loaded. */
    private volatile Optional<Path> seccomp;
    private final String seccompProblem;

    public BubblewrapBackend(SandboxConfig config) {
        this.config = config;
        this.workerIsRoot = HostUser.isRoot();
        List<String> mounts = new ArrayList<>();
        addSystemMounts(mounts, false);
        this.systemMounts = List.copyOf(mounts);
        mounts = new ArrayList<>();
        addSystemMounts(mounts, true);
        this.systemMountsWithDns = List.copyOf(mounts);
        Optional<Path> filter;
        String problem = null;
        try {
            filter = SeccompFilter.writeForThisMachine();
            if (filter.isEmpty()) {
                problem = "no seccomp filter for " + System.getProperty("os.arch");
            }
        } catch (IOException e) {
            filter = Optional.empty();
            problem = "the seccomp filter could not be written: " + e.getMessage();
        }
        this.seccomp = filter;
        this.seccompProblem = problem;
    }

    @Override
    public String name() {
        return "bwrap";
    }

    /** Every launch unshares the PID namespace: when bwrap has exited, its namespace's processes are gone. */
    @Override
    public boolean runsEndWithTheirProcess() {
        return true;
    }

    @Override
    public BackendProbe probe() {
        Path bwrap = config.bwrap();
        if (!Files.isExecutable(bwrap)) {
            return BackendProbe.missing("bubblewrap not found at " + bwrap + " (install the 'bubblewrap' package)");
        }
        String seccompIssue;
        try {
            Process p = new ProcessBuilder(bwrap.toString(), "--unshare-all", "--unshare-user", "--die-with-parent",
                    "--ro-bind", "/", "/", "--", "/bin/true").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return BackendProbe.missing("bubblewrap did not start a test sandbox within 10 s");
            }
            if (p.exitValue() != 0) {
                return BackendProbe.missing("bubblewrap cannot create namespaces here: " + out);
            }
            seccompIssue = probeSeccomp(bwrap);
        } catch (IOException e) {
            return BackendProbe.missing("bubblewrap cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BackendProbe.missing("interrupted while probing bubblewrap");
        }
        String seccompState = seccompIssue == null ? "" : "; " + seccompIssue + ", so sandboxes run without one";
        if (!Files.isExecutable(config.socat())) {
            return BackendProbe.ok("bubblewrap works; socat missing at " + config.socat()
                    + ", so NETWORK_RESTRICTED runs cannot reach the egress proxy" + seccompState);
        }
        return BackendProbe.ok("bubblewrap works" + seccompState);
    }

    /** Loads the filter in a test sandbox; where it does not load, sandboxes run without it and say why. */
    private String probeSeccomp(Path bwrap) throws IOException, InterruptedException {
        if (seccomp.isEmpty()) {
            return seccompProblem;
        }
        List<String> cmd = new ArrayList<>(withSeccompFd(List.of(bwrap.toString())));
        cmd.addAll(List.of("--unshare-all", "--unshare-user", "--die-with-parent", "--seccomp", SECCOMP_FD,
                "--ro-bind", "/", "/", "--", "/bin/true"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            seccomp = Optional.empty();
            return "the seccomp filter could not be loaded (" + out + ")";
        }
        return null;
    }

    /** {@code command} started by a shell that opens the filter on {@value #SECCOMP_FD} and then becomes it. */
    private List<String> withSeccompFd(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "exec \"$@\" " + SECCOMP_FD + "<\"$0\"",
                seccomp.orElseThrow().toString()));
        cmd.addAll(command);
        return cmd;
    }

    @Override
    public Launch launch(LaunchPlan plan) {
        List<String> cmd = new ArrayList<>();
        // As root, RLIMIT_NPROC is ignored by the kernel; the manager bounds the process count with a cgroup instead.
        cmd.addAll(RlimitPrefix.of(config.prlimit(), plan.limits(), !workerIsRoot));
        cmd.add(config.bwrap().toString());
        if (seccomp.isPresent()) {
            cmd.addAll(List.of("--seccomp", SECCOMP_FD));
        }
        cmd.addAll(List.of("--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try", "--unshare-user",
                "--uid", Integer.toString(config.sandboxUid()), "--gid", Integer.toString(config.sandboxGid()),
                "--hostname", "sandbox", "--cap-drop", "ALL"));
        if (plan.network() != NetworkAccess.HOST) {
            cmd.add("--unshare-net");
        }
        cmd.addAll(plan.network() == NetworkAccess.HOST ? systemMountsWithDns : systemMounts);
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        cmd.addAll(List.of("--bind", plan.homeDir().toString(), LaunchPlan.SANDBOX_HOME));
        cmd.addAll(List.of("--bind", plan.tmpDir().toString(), LaunchPlan.SANDBOX_TMP));
        // after /tmp and HOME: an extra path below them (a tools dir in the host's /tmp) must not be hidden
        for (Path extra : config.extraReadOnlyPaths()) {
            if (Files.exists(extra)) {
                cmd.addAll(List.of("--ro-bind", extra.toString(), extra.toString()));
            }
        }
        String proxyUrl = null;
        List<String> command = plan.command();
        if (plan.network() == NetworkAccess.EGRESS_PROXY) {
            cmd.addAll(List.of("--ro-bind", plan.runDir().toString(), LaunchPlan.SANDBOX_RUN_DIR));
            command = EgressBridge.wrap(config.socat().toString(), config.bridgePort(),
                    LaunchPlan.SANDBOX_RUN_DIR + "/" + LaunchPlan.PROXY_SOCKET_NAME, plan.loopbackForwards(), command);
            proxyUrl = EgressBridge.proxyUrl(config.bridgePort());
        }
        String ws = plan.workspace().toString();
        cmd.addAll(List.of(plan.workspaceWritable() ? "--bind" : "--ro-bind", ws, ws));
        for (Path p : plan.readOnlyInWorkspace()) {
            cmd.addAll(List.of("--ro-bind", p.toString(), p.toString()));
        }
        cmd.addAll(List.of("--chdir", ws, "--"));
        cmd.addAll(command);
        // bwrap passes its own environment on; the process is started with exactly this map (no --setenv, so
        // no secret shows up in the host's /proc/<pid>/cmdline).
        Map<String, String> env = AgentEnvironment.complete(plan.env(), LaunchPlan.SANDBOX_HOME,
                LaunchPlan.SANDBOX_TMP, proxyUrl);
        return new Launch(seccomp.isPresent() ? withSeccompFd(cmd) : cmd, env);
    }

    private void addSystemMounts(List<String> cmd, boolean hostNetwork) {
        for (String dir : SYSTEM_DIRS) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                try {
                    cmd.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                cmd.addAll(List.of("--ro-bind", dir, dir));
            }
        }
        for (String file : MASKED_FILES) {
            if (Files.isRegularFile(Path.of(file), LinkOption.NOFOLLOW_LINKS)) {
                cmd.addAll(List.of("--ro-bind", "/dev/null", file));
            }
        }
        for (String dir : MASKED_DIRS) {
            if (Files.isDirectory(Path.of(dir), LinkOption.NOFOLLOW_LINKS)) {
                cmd.addAll(List.of("--tmpfs", dir));
            }
        }
        if (hostNetwork) {
            // resolv.conf is often a symlink into /run (systemd-resolved); make its target visible for DNS.
            Path resolv = Path.of("/etc/resolv.conf");
            if (Files.isSymbolicLink(resolv)) {
                try {
                    Path target = resolv.toRealPath();
                    cmd.addAll(List.of("--ro-bind", target.toString(), target.toString()));
                } catch (IOException ignored) {
                    // a dangling resolv.conf: DNS does not work on the host either
                }
            }
        }
    }
}
