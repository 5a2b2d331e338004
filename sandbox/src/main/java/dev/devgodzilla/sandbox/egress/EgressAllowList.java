package dev.devgodzilla.sandbox.egress;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The hosts the execution phase may reach through the proxy. */
public record EgressAllowList(List<HostPattern> patterns) {

    public EgressAllowList {
        patterns = List.copyOf(patterns);
    }

    public static EgressAllowList parse(Collection<String> entries) {
        return new EgressAllowList(entries.stream().map(HostPattern::parse).toList());
    }

    public Optional<HostPattern> match(String host, int port) {
        return patterns.stream().filter(p -> p.matches(host, port)).findFirst();
    }

    /**
     * The ports of the host's own IPv4 loopback that the list names on purpose ({@code 127.0.0.1:4010},
     * {@code localhost:4010}): a local model server. Inside the sandbox the same address is forwarded through
     * the proxy, for clients that never send loopback traffic to a proxy.
     */
    public List<Integer> loopbackPorts() {
        return patterns.stream()
                .filter(p -> p.port() != HostPattern.ANY_PORT)
                .filter(p -> p.host().equals("127.0.0.1") || p.host().equals("localhost"))
                .map(HostPattern::port).distinct().toList();
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }
}
