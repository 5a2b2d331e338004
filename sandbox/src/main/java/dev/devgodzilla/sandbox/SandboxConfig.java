package dev.devgodzilla.sandbox;

import dev.devgodzilla.contracts.messages.SandboxMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Host-wide settings of the sandbox manager (the worker maps its configuration onto this).
 *
 * @param backend which backend to use; a missing configured backend makes the manager refuse to open sandboxes
 * @param maxMode the most permissive mode a step may ask for
 * @param bwrap path of the bubblewrap binary
 * @param socat path of socat on the host, bound into the sandbox for the egress bridge
 * @param prlimit path of prlimit, used to apply per-process rlimits
 * @param docker path or name of the docker client
 * @param podman path or name of the podman client
 * @param containerImage image the container backends run commands in (needs sh and socat for the egress bridge)
 * @param stateDir where each sandbox gets its private directory (HOME, TMPDIR, proxy socket)
 * @param engineProbeTimeout how long {@code docker info}/{@code podman info} may take when probing
 * @param extraReadOnlyPaths further host paths bound read-only (for example /opt with agent installations)
 * @param forbiddenWorkspaceRoots places a workspace may not be in, be, or contain
 * @param sandboxUid uid the command sees inside the bubblewrap sandbox
 * @param sandboxGid gid the command sees inside the bubblewrap sandbox
 * @param cgroupRoot where the v1 cgroup hierarchies are mounted ({@code pids} bounds the process count,
 *                   {@code memory} the memory of a sandbox); null, or hierarchies the worker cannot write,
 *                   leave only rlimits (RLIMIT_NPROC, RLIMIT_AS)
 * @param bridgePort loopback port inside the sandbox where the egress bridge listens
 */
public record SandboxConfig(BackendKind backend, SandboxMode maxMode, Path bwrap, Path socat, Path prlimit,
                            String docker, String podman, String containerImage, Path stateDir,
                            Duration engineProbeTimeout, List<Path> extraReadOnlyPaths,
                            List<Path> forbiddenWorkspaceRoots, int sandboxUid, int sandboxGid,
                            Path cgroupRoot, int bridgePort) {

    /** Host directories that no workspace may be in, equal or contain. */
    public static final List<Path> DEFAULT_FORBIDDEN_ROOTS = List.of(
            Path.of("/etc"), Path.of("/usr"), Path.of("/bin"), Path.of("/sbin"), Path.of("/lib"), Path.of("/lib64"),
            Path.of("/boot"), Path.of("/proc"), Path.of("/sys"), Path.of("/dev"), Path.of("/run"), Path.of("/var/run"),
            Path.of("/var/lib/docker"), Path.of("/var/lib/containers"));

    public SandboxConfig {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(maxMode, "maxMode");
        Objects.requireNonNull(stateDir, "stateDir");
        extraReadOnlyPaths = extraReadOnlyPaths == null ? List.of() : List.copyOf(extraReadOnlyPaths);
        forbiddenWorkspaceRoots = forbiddenWorkspaceRoots == null ? DEFAULT_FORBIDDEN_ROOTS
                : List.copyOf(forbiddenWorkspaceRoots);
        engineProbeTimeout = engineProbeTimeout == null ? Duration.ofSeconds(3) : engineProbeTimeout;
    }

    /** bubblewrap, at most NETWORK_RESTRICTED, binaries at their Debian paths. */
    public static SandboxConfig defaults() {
        return new SandboxConfig(BackendKind.BWRAP, SandboxMode.NETWORK_RESTRICTED, Path.of("/usr/bin/bwrap"),
                Path.of("/usr/bin/socat"), Path.of("/usr/bin/prlimit"), "docker", "podman",
                "docker.io/library/debian:stable-slim",
                Path.of(System.getProperty("java.io.tmpdir"), "devgodzilla-sandbox"), Duration.ofSeconds(3),
                List.of(), DEFAULT_FORBIDDEN_ROOTS, 1000, 1000, Path.of("/sys/fs/cgroup"), 3128);
    }

    public SandboxConfig withBackend(BackendKind value) {
        return new SandboxConfig(value, maxMode, bwrap, socat, prlimit, docker, podman, containerImage, stateDir,
                engineProbeTimeout, extraReadOnlyPaths, forbiddenWorkspaceRoots, sandboxUid, sandboxGid,
                cgroupRoot, bridgePort);
    }

    public SandboxConfig withMaxMode(SandboxMode value) {
        return new SandboxConfig(backend, value, bwrap, socat, prlimit, docker, podman, containerImage, stateDir,
                engineProbeTimeout, extraReadOnlyPaths, forbiddenWorkspaceRoots, sandboxUid, sandboxGid,
                cgroupRoot, bridgePort);
    }

    public SandboxConfig withBwrap(Path value) {
        return new SandboxConfig(backend, maxMode, value, socat, prlimit, docker, podman, containerImage, stateDir,
                engineProbeTimeout, extraReadOnlyPaths, forbiddenWorkspaceRoots, sandboxUid, sandboxGid,
                cgroupRoot, bridgePort);
    }

    public SandboxConfig withStateDir(Path value) {
        return new SandboxConfig(backend, maxMode, bwrap, socat, prlimit, docker, podman, containerImage, value,
                engineProbeTimeout, extraReadOnlyPaths, forbiddenWorkspaceRoots, sandboxUid, sandboxGid,
                cgroupRoot, bridgePort);
    }

    public SandboxConfig withContainerClients(String dockerClient, String podmanClient) {
        return new SandboxConfig(backend, maxMode, bwrap, socat, prlimit, dockerClient, podmanClient, containerImage,
                stateDir, engineProbeTimeout, extraReadOnlyPaths, forbiddenWorkspaceRoots, sandboxUid, sandboxGid,
                cgroupRoot, bridgePort);
    }

    public SandboxConfig withExtraReadOnlyPaths(List<Path> value) {
        return new SandboxConfig(backend, maxMode, bwrap, socat, prlimit, docker, podman, containerImage, stateDir,
                engineProbeTimeout, value, forbiddenWorkspaceRoots, sandboxUid, sandboxGid, cgroupRoot,
                bridgePort);
    }

    public SandboxConfig withCgroupRoot(Path value) {
        return new SandboxConfig(backend, maxMode, bwrap, socat, prlimit, docker, podman, containerImage, stateDir,
                engineProbeTimeout, extraReadOnlyPaths, forbiddenWorkspaceRoots, sandboxUid, sandboxGid, value,
                bridgePort);
    }
}
