package dev.devgodzilla.cli;

import picocli.CommandLine.Option;

/** Where the layer runs; each address can come from an option or the environment the local stack writes. */
public final class Endpoints {
    @Option(names = "--bootstrap", description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS).",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}")
    String bootstrap;

    @Option(names = "--execution-url", description = "execution-service base URL (env DG_EXECUTION_URL).",
            defaultValue = "${env:DG_EXECUTION_URL:-http://localhost:8080}")
    String executionUrl;

    @Option(names = "--registry-url", description = "registry-service base URL (env DG_REGISTRY_URL).",
            defaultValue = "${env:DG_REGISTRY_URL:-http://localhost:8081}")
    String registryUrl;

    @Option(names = "--token", description = "API token for the services' REST calls (env DG_API_TOKEN; ./dg sets "
            + "the local stack's).", defaultValue = "${env:DG_API_TOKEN}")
    String token;

    Http http() {
        return new Http(token);
    }
}
