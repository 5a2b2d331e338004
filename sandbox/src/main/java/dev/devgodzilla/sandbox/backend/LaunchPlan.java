package dev.devgodzilla.sandbox.backend;

import dev.devgodzilla.sandbox.limits.ResourceLimits;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a backend needs to turn one command into a sandboxed command line. All paths are host paths
 * computed by the sandbox itself, never taken from inside the workspace.
 *
 * @param launchId unique id of this launch: the sandbox id plus a sequence number
 * @param workspace the workspace's real path, bound at the same path inside
 * @param workspaceWritable whether the workspace is bound read-write
 * @param readOnlyInWorkspace paths inside the workspace re-bound read-only (.git/hooks, .git/config)
 * @param network network the command gets
 * @param homeDir host directory mounted as the command's HOME
 * @param tmpDir host directory mounted as the command's TMPDIR
 * @param runDir host directory holding the egress proxy socket
 * @param env environment of the command without HOME, TMPDIR and proxy variables (the backend adds those)
 * @param command the command and its arguments
 * @param limits resource limits
 * @param loopbackForwards ports of 127.0.0.1 inside the sandbox forwarded through the egress proxy to the same
 *                         port of the host's loopback (named in the allow-list), with {@link NetworkAccess#EGRESS_PROXY}
 */
public record LaunchPlan(String launchId, Path workspace, boolean workspaceWritable, List<Path> readOnlyInWorkspace,
                         NetworkAccess network, Path homeDir, Path tmpDir, Path runDir, Map<String, String> env,
                         List<String> command, ResourceLimits limits, List<Integer> loopbackForwards) {

    /** HOME inside the sandbox. */
    public static final String SANDBOX_HOME = "/home/agent";
    /** TMPDIR inside the sandbox. */
    public static final String SANDBOX_TMP = "/tmp";
    /** Where the run directory with the proxy socket appears inside the sandbox. */
    public static final String SANDBOX_RUN_DIR = "/run/devgodzilla";
    /** File name of the egress proxy's Unix socket in the run directory. */
    public static final String PROXY_SOCKET_NAME = "egress.sock";

    public LaunchPlan {
        readOnlyInWorkspace = List.copyOf(readOnlyInWorkspace);
        env = Map.copyOf(env);
        command = List.copyOf(command);
        loopbackForwards = loopbackForwards == null ? List.of() : List.copyOf(loopbackForwards);
    }
}
