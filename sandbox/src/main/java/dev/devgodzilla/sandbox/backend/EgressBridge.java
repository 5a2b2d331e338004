package dev.devgodzilla.sandbox.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * The shell prefix that starts socat inside the sandbox, forwarding 127.0.0.1:port to the proxy's Unix socket,
 * waits until it listens (counted in the namespace's /proc/net/sockstat), then execs the command (so the bridge
 * costs one sh and no extra process at the end).
 *
 * <p>A loopback endpoint the allow-list names ({@code 127.0.0.1:4010}, a local model server) gets one more socat
 * listening on that port inside the sandbox and tunnelling each connection through the proxy with CONNECT: many
 * clients never send loopback traffic to a proxy, and this way it still passes the allow-list.
 */
final class EgressBridge {
    /** Checks for socat's listener made back to back, a few milliseconds in all, before the loop pauses. */
    private static final int BUSY_CHECKS = 200;

    private EgressBridge() {
    }

    static List<String> wrap(String socat, int port, String socketPath, List<Integer> loopbackForwards,
                             List<String> command) {
        StringBuilder script = new StringBuilder(socat + " TCP-LISTEN:" + port
                + ",bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:" + socketPath + " & ");
        List<Integer> listeners = new ArrayList<>(List.of(port));
        for (int forward : loopbackForwards) {
            if (forward != port) {
                script.append(socat).append(" TCP-LISTEN:").append(forward)
                        .append(",bind=127.0.0.1,fork,reuseaddr PROXY:127.0.0.1:127.0.0.1:").append(forward)
                        .append(",proxyport=").append(port).append(" & ");
                listeners.add(forward);
            }
        }
        // The sandbox has a network namespace of its own, so once its listeners are up it holds exactly that many
        // TCP sockets, and /proc/net/sockstat's "TCP: inuse N" line counts this namespace's alone. It is read with
        // shell builtins (no process per check) and costs microseconds, where /proc/net/tcp walks the host-wide
        // socket table on every read (about 4 ms a read on a host with a large table). socat listens within a few
        // milliseconds, so the first BUSY_CHECKS go without a pause (a sleep is a process of its own, and 10 ms
        // at least); only a slow start then waits 10 ms a check, up to about 3 s in all.
        script.append("i=0; while [ $i -lt ").append(BUSY_CHECKS + 300).append(" ]; do")
                .append(" while read -r p _ n _; do [ \"$p\" = TCP: ] && [ \"$n\" -ge ").append(listeners.size())
                .append(" ] && break 2; done < /proc/net/sockstat;")
                .append(" i=$((i+1)); [ $i -gt ").append(BUSY_CHECKS).append(" ] && sleep 0.01; done; ");
        script.append("exec \"$@\"");
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "devgodzilla-egress-bridge"));
        wrapped.addAll(command);
        return wrapped;
    }

    static String proxyUrl(int port) {
        return "http://127.0.0.1:" + port;
    }
}
