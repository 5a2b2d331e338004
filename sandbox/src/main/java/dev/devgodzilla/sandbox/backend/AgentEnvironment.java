package dev.devgodzilla.sandbox.backend;

import java.util.LinkedHashMap;
import java.util.Map;

/** Completes a command's environment with HOME, TMPDIR and the proxy variables. */
final class AgentEnvironment {

    private AgentEnvironment() {
    }

    static Map<String, String> complete(Map<String, String> base, String home, String tmp, String proxyUrl) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.put("HOME", home);
        env.put("TMPDIR", tmp);
        // A NO_PROXY from the spec would let the agent bypass the allow-list proxy; it only ever helps escape.
        env.remove("NO_PROXY");
        env.remove("no_proxy");
        if (proxyUrl != null) {
            env.put("HTTPS_PROXY", proxyUrl);
            env.put("HTTP_PROXY", proxyUrl);
            env.put("https_proxy", proxyUrl);
            env.put("http_proxy", proxyUrl);
        } else {
            env.remove("HTTPS_PROXY");
            env.remove("HTTP_PROXY");
            env.remove("https_proxy");
            env.remove("http_proxy");
        }
        return env;
    }
}
