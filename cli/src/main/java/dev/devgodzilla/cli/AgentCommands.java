package dev.devgodzilla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.devgodzilla.contracts.messages.StepRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code dg agent ...}: what registry-service knows of the agents. */
@Command(name = "agent", description = "List agents and their health.",
        subcommands = {AgentCommands.ListAgents.class, AgentCommands.Health.class, AgentCommands.Smoke.class,
                AgentCommands.Config.class, AgentCommands.Defaults.class, AgentCommands.Assign.class})
final class AgentCommands {

    @Command(name = "list", description = "The agent catalogue with availability.")
    static final class ListAgents implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Override
        public Integer call() {
            JsonNode agents = endpoints.http().get(endpoints.registryUrl + "/agents");
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

        @Option(names = "--json", description = "Print the registry's answer as JSON.")
        boolean json;

        @Override
        public Integer call() {
            JsonNode health = endpoints.http().get(endpoints.registryUrl + "/agents/health");
            if (json) {
                System.out.println(health.toPrettyString());
                return 0;
            }
            for (JsonNode agent : health) {
                JsonNode status = agent.path("status");
                System.out.printf("%-12s %-11s version %-28s check %-8s at %s%n", agent.path("agentId").asText(),
                        status.path("available").asBoolean() ? "AVAILABLE" : "UNAVAILABLE",
                        status.path("version").asText("-"),
                        status.path("latencyMs").isNumber() ? status.path("latencyMs").asLong() + " ms" : "-",
                        status.path("checkedAt").asText("-"));
                if (!status.path("reason").asText("").isBlank()) {
                    System.out.printf("             %s%n", status.path("reason").asText());
                }
            }
            return 0;
        }
    }

    @Command(name = "test", description = "Run a one-line smoke step on an agent and show its answer.")
    static final class Smoke implements Callable<Integer> {
        static final String SMOKE_TASK = "print READY\nReply with the single word READY and change no file.";

        @Mixin
        Endpoints endpoints;

        @Option(names = "--timeout", defaultValue = "300", description = "Seconds to wait for the answer.")
        int timeoutSeconds;

        @Parameters(arity = "1", description = "The agent id, e.g. claude-code.")
        String agentId;

        @Override
        public Integer call() {
            StepRequest request = StepRequest.of("smoke-" + agentId + "-" + UUID.randomUUID().toString().substring(0, 8),
                    agentId, SMOKE_TASK).withQaCommand("true");
            String state = new StepRun(endpoints, System.out)
                    .submitAndFollow(request, true, Duration.ofSeconds(timeoutSeconds));
            boolean passed = state.equals("QA_PASSED") || state.equals("COMPLETED");
            System.out.println(passed ? agentId + " works" : agentId + " did not answer the smoke step: " + state);
            return passed ? 0 : 1;
        }
    }

    @Command(name = "config", description = "Show or change an agent's configuration.",
            subcommands = {ConfigGet.class, ConfigSet.class})
    static final class Config {
    }

    @Command(name = "get", description = "The effective configuration, where each field comes from, its version.")
    static final class ConfigGet implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Parameters(arity = "1", description = "The agent id, e.g. claude-code.")
        String agentId;

        @Option(names = "--project", description = "The agent as this project's steps get it.")
        String project;

        @Override
        public Integer call() {
            JsonNode config = endpoints.http().get(configUrl(endpoints, agentId, project));
            System.out.printf("%s%s, version %d%n", agentId, project == null ? "" : " in project " + project,
                    config.path("version").asLong());
            config.path("effective").fields().forEachRemaining(f -> System.out.printf("  %-15s %-40s %s%n",
                    f.getKey(), f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString(),
                    config.path("sources").path(f.getKey()).asText("")));
            return 0;
        }
    }

    /** The agent's configuration, or what {@code project} (null: none) sets of it. */
    static String configUrl(Endpoints endpoints, String agentId, String project) {
        return endpoints.registryUrl + (project == null ? "" : "/projects/" + project) + "/agents/" + agentId
                + "/config";
    }

    @Command(name = "set", description = "Change fields, e.g. baseUrl=http://127.0.0.1:4010 "
            + "credentials.ANTHROPIC_API_KEY=env:MY_KEY maxAttempts=2 (key= drops a change); with --project, "
            + "what that project's steps get: defaultModel, defaultMode, maxMode, timeout, idleTimeout, "
            + "maxAttempts, backoff, enabled.")
    static final class ConfigSet implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Option(names = "--project", description = "Change the agent for this project's steps only.")
        String project;

        @Parameters(index = "0", description = "The agent id, e.g. claude-code.")
        String agentId;

        @Parameters(index = "1..*", arity = "1..*", description = "key=value assignments.")
        java.util.List<String> assignments;

        @Override
        public Integer call() {
            String url = configUrl(endpoints, agentId, project);
            Http http = endpoints.http();
            JsonNode current = http.get(url);
            var fields = ConfigAssignments.apply(current.path("fields"), assignments);
            JsonNode updated = http.putOverVersionRead(url, current, fields.toString());
            System.out.printf("%s%s: version %d%n", agentId, project == null ? "" : " in project " + project,
                    updated.path("version").asLong());
            return 0;
        }
    }

    @Command(name = "defaults", description = "Show the default agents, or change them: --agent dummy "
            + "--task-type plan=claude-code (a type with no agent, plan=, drops it).")
    static final class Defaults implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Option(names = "--agent", description = "The agent of steps that name none.")
        String agent;

        @Option(names = "--task-type", description = "TYPE=AGENT: the default agent of a task type.")
        java.util.List<String> byTaskType = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            String url = endpoints.registryUrl + "/agents/defaults";
            Http http = endpoints.http();
            JsonNode current = http.get(url);
            if (agent != null || !byTaskType.isEmpty()) {
                var body = ConfigAssignments.apply(current, java.util.List.of());
                body.remove(java.util.List.of("version", "changedAt"));
                if (agent != null) {
                    body.put("defaultAgent", agent);
                }
                body.set("byTaskType", ConfigAssignments.apply(current.path("byTaskType"), byTaskType));
                current = http.putOverVersionRead(url, current, body.toString());
            }
            System.out.printf("version %d; default agent %s%n", current.path("version").asLong(),
                    current.path("defaultAgent").asText("(execution-service's setting)"));
            current.path("byTaskType").fields().forEachRemaining(f ->
                    System.out.printf("  task type %-10s %s%n", f.getKey(), f.getValue().asText()));
            return 0;
        }
    }

    @Command(name = "assign", description = "Send the steps of a project and/or task type that name no agent to one.")
    static final class Assign implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Option(names = "--project", description = "The project id.")
        String project;

        @Option(names = "--task-type", description = "The task type, e.g. plan, execute, qa.")
        String taskType;

        @Parameters(arity = "1", description = "The agent id, e.g. claude-code.")
        String agentId;

        @Override
        public Integer call() {
            if (project == null && taskType == null) {
                throw new CliException("name --project, --task-type or both (the default agent is `./dg agent defaults"
                        + " --agent " + agentId + "`)");
            }
            String url = endpoints.registryUrl + "/agents/assignments";
            Http http = endpoints.http();
            JsonNode current = http.get(url);
            var rules = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            for (JsonNode rule : current.path("assignments")) {
                // the same project and task type get the new agent instead
                if (!(rule.path("projectId").asText(null) == null ? project == null
                        : rule.path("projectId").asText().equals(project))
                        || !(rule.path("taskType").asText(null) == null ? taskType == null
                        : rule.path("taskType").asText().equals(taskType))) {
                    rules.add(rule);
                }
            }
            rules.addObject().put("projectId", project).put("taskType", taskType).put("agentId", agentId);
            var body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            body.set("assignments", rules);
            JsonNode updated = http.putOverVersionRead(url, current, body.toString());
            System.out.printf("version %d: %d assignments%n", updated.path("version").asLong(),
                    updated.path("assignments").size());
            return 0;
        }
    }
}
