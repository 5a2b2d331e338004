package dev.devgodzilla.sandbox.egress;

import java.util.Locale;

/**
 * One allow-list entry: {@code host:port}, {@code host} (any port), {@code *.domain[:port]} (any subdomain), or
 * an IP literal such as {@code 127.0.0.1:8080} or {@code [::1]:443}. Hosts compare case-insensitively.
 */
public record HostPattern(String host, int port) {

    /** Port value meaning "any port". */
    public static final int ANY_PORT = -1;

    public static HostPattern parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty egress pattern");
        }
        String host;
        int port = ANY_PORT;
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("bad egress pattern: " + text);
            }
            host = t.substring(1, end);
            if (end + 1 < t.length()) {
                port = parsePort(t.substring(end + 1), text);
            }
        } else {
            int colon = t.lastIndexOf(':');
            if (colon >= 0 && t.indexOf(':') == colon) {
                host = t.substring(0, colon);
                port = parsePort(t.substring(colon), text);
            } else {
                host = t;
            }
        }
        if (host.isEmpty() || host.equals("*")) {
            throw new IllegalArgumentException("egress pattern must name a host: " + text);
        }
        return new HostPattern(host, port);
    }

    private static int parsePort(String colonPort, String text) {
        if (!colonPort.startsWith(":")) {
            throw new IllegalArgumentException("bad egress pattern: " + text);
        }
        try {
            int port = Integer.parseInt(colonPort.substring(1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("bad port in egress pattern: " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in egress pattern: " + text, e);
        }
    }

    public boolean matches(String requestHost, int requestPort) {
        if (port != ANY_PORT && port != requestPort) {
            return false;
        }
        String h = requestHost.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (host.startsWith("*.")) {
            return h.endsWith(host.substring(1)) && h.length() > host.length() - 1;
        }
        return h.equals(host);
    }

    /** True when the pattern names an address (or localhost) on purpose, so internal addresses are fine. */
    public boolean namesAddressExplicitly() {
        return host.equals("localhost") || host.contains(":") || host.matches("[0-9.]+");
    }

    @Override
    public String toString() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return port == ANY_PORT ? h : h + ":" + port;
    }
}
