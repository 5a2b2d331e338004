package dev.devgodzilla.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code dg template ...}: the prompt templates of registry-service that turn a step into its agent's prompt. */
@Command(name = "template", description = "List, show, change and preview prompt templates.",
        subcommands = {TemplateCommands.ListTemplates.class, TemplateCommands.Show.class, TemplateCommands.Set.class,
                TemplateCommands.Preview.class, TemplateCommands.Remove.class})
final class TemplateCommands {

    private static String url(Endpoints endpoints, String name) {
        return endpoints.registryUrl + "/prompt-templates" + (name == null ? "" : "/" + name);
    }

    @Command(name = "list", description = "Every template in force, with its version.")
    static final class ListTemplates implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Override
        public Integer call() {
            JsonNode all = endpoints.http().get(url(endpoints, null));
            System.out.printf("%-20s %-9s %s%n", "NAME", "VERSION", "DESCRIPTION");
            for (JsonNode t : all) {
                System.out.printf("%-20s %-9s %s%n", t.path("name").asText(),
                        t.path("builtIn").asBoolean() ? "built-in" : "v" + t.path("version").asLong(),
                        t.path("description").asText(""));
            }
            return 0;
        }
    }

    @Command(name = "show", description = "A template's text.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Parameters(arity = "1", description = "The template's name, e.g. default.")
        String name;

        @Override
        public Integer call() {
            JsonNode t = endpoints.http().get(url(endpoints, name));
            System.out.printf("# %s, %s%s%n", name, t.path("builtIn").asBoolean() ? "built in"
                    : "version " + t.path("version").asLong(), t.path("description").isTextual()
                    ? ": " + t.path("description").asText() : "");
            System.out.print(t.path("text").asText());
            return 0;
        }
    }

    /** Where a new text comes from. */
    static final class Source {
        @Option(names = "--text", description = "The text, in Qute syntax, e.g. '{task}\\n\\nKeep it small.'")
        String text;

        @Option(names = "--file", description = "A file holding the text ('-' for standard input).")
        Path file;

        String read() {
            if (text != null) {
                return text;
            }
            try {
                return file.toString().equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                        : Files.readString(file);
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "set", description = "Create or change a template; a step uses the one it names, else the one "
            + "named after its task type, else default.")
    static final class Set implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Parameters(arity = "1", description = "The template's name: a task type (e.g. bugfix) or any name.")
        String name;

        @ArgGroup(multiplicity = "1")
        Source source;

        @Option(names = "--description", description = "What the template is for.")
        String description;

        @Override
        public Integer call() {
            Http http = endpoints.http();
            String url = url(endpoints, name);
            JsonNode current = http.find(url);
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("text", source.read());
            String kept = description != null ? description
                    : current == null ? null : current.path("description").asText(null);
            if (kept != null) {
                body.put("description", kept);
            }
            // a template that is not there yet is created; one that is is changed over the version read
            JsonNode stored = current == null ? http.put(url, body.toString(), null)
                    : http.putOverVersionRead(url, current, body.toString());
            System.out.printf("%s: version %d%n", name, stored.path("version").asLong());
            return 0;
        }
    }

    @Command(name = "preview", description = "The prompt a step would get from a template.")
    static final class Preview implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Parameters(arity = "1", description = "The template's name.")
        String name;

        @Option(names = "--task", required = true, description = "The step's task.")
        String task;

        @Option(names = "--context", description = "The step's context.")
        String context;

        @Option(names = "--instructions", description = "The step's instructions.")
        String instructions;

        @Option(names = "--project", description = "The step's project.")
        String project;

        @Option(names = "--task-type", description = "The step's task type.")
        String taskType;

        @Option(names = "--agent", description = "The agent that would run it.")
        String agent;

        @Option(names = "--model", description = "The model it would run with.")
        String model;

        @Override
        public Integer call() {
            ObjectNode step = JsonNodeFactory.instance.objectNode().put("task", task);
            putIfSet(step, "context", context);
            putIfSet(step, "instructions", instructions);
            putIfSet(step, "projectId", project);
            putIfSet(step, "taskType", taskType);
            putIfSet(step, "agentId", agent);
            putIfSet(step, "model", model);
            JsonNode preview = endpoints.http().post(url(endpoints, name) + "/preview", step.toString());
            System.out.print(preview.path("prompt").asText());
            return 0;
        }

        private static void putIfSet(ObjectNode node, String field, String value) {
            if (value != null) {
                node.put(field, value);
            }
        }
    }

    @Command(name = "remove", description = "Remove a template (default goes back to the built-in text).")
    static final class Remove implements Callable<Integer> {
        @Mixin
        Endpoints endpoints;

        @Parameters(arity = "1", description = "The template's name.")
        String name;

        @Override
        public Integer call() {
            Http http = endpoints.http();
            String url = url(endpoints, name);
            JsonNode current = http.get(url);
            http.delete(url, "\"v" + current.path("version").asLong() + "\"");
            System.out.printf("%s: removed%n", name);
            return 0;
        }
    }
}
