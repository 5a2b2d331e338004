package dev.devgodzilla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code dg agent ...}: what registry-service knows of the agents. */
@Command(name = "agent", description = "List agents and their health.",
        subcommands = {AgentCommands.ListAgents.class, AgentCommands.Health.class})
final class AgentCommands {

    @Command(name = "list", description = "The agent catalogue with availability.")
    static final class ListAgents implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Override
        public Integer call() {
            JsonNode agents = Http.getJson(endpoints.registryUrl + "/agents");
            System.out.printf("%-12s %-16s %-4s %-9s %-22s %s%n", "ID", "NAME", "KIND", "AVAILABLE", "COMMAND DIR",
                    "VERSIONS / REASON");
            for (JsonNode a : agents) {
                boolean available = a.path("available").asBoolean();
                System.out.printf("%-12s %-16s %-4s %-9s %-22s %s%n", a.path("id").asText(), a.path("name").asText(),
                        a.path("kind").asText(), available ? "yes" : "no", a.path("commandDir").asText("-"),
                        available ? a.path("versions").toString() : a.path("reason").asText(""));
            }
            return 0;
        }
    }

    @Command(name = "health", description = "Detailed health of every agent.")
    static final class Health implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Override
        public Integer call() {
            JsonNode health = Http.getJson(endpoints.registryUrl + "/agents/health");
            System.out.println(health.toPrettyString());
            return 0;
        }
    }
}
