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

    public boolean isEmpty() {
        return patterns.isEmpty();
    }
}
