package dev.devgodzilla.sandbox.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The shell prefix that starts socat inside the sandbox, forwarding 127.0.0.1:port to the proxy's Unix socket,
 * waits until it listens, then execs the command (so the bridge costs one sh and no extra process at the end).
 */
final class EgressBridge {

    private EgressBridge() {
    }

    static List<String> wrap(String socat, int port, String socketPath, List<String> command) {
        // /proc/net/tcp shows the listener as 0100007F:<PORT HEX> with state 0A; polling it with shell
        // builtins avoids starting a process per check.
        String listening = "0100007F:" + String.format(Locale.ROOT, "%04X", port) + " 0A";
        String script = socat + " TCP-LISTEN:" + port + ",bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:" + socketPath
                + " & i=0; while [ $i -lt 300 ]; do"
                + " while read -r _ a _ st _; do [ \"$a $st\" = \"" + listening + "\" ] && break 2; done < /proc/net/tcp;"
                + " i=$((i+1)); sleep 0.01; done; exec \"$@\"";
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", script, "devgodzilla-egress-bridge"));
        wrapped.addAll(command);
        return wrapped;
    }

    static String proxyUrl(int port) {
        return "http://127.0.0.1:" + port;
    }
}
