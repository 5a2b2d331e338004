package dev.devgodzilla.modelserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each real coding-agent CLI installed under {@code .dg/agents} (see
 * {@code scripts/install-agent-clis.sh}) against the scripted server, as a child process in a
 * throwaway workspace with its own HOME. A CLI that is not installed is skipped.
 *
 * <p>With {@code -Ddg.record.streams=true} the raw stdout of each run and the command line are
 * written to {@code src/test/resources/recorded-streams/<agent>/}.
 */
class RealCliConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLARIFICATION = "I need clarification on the database schema before I can continue.";
    private static final String FINAL = "Created hello.txt";
    private static final Path AGENTS_HOME = agentsHome();
    private static final Path RECORDED = Path.of("src/test/resources/recorded-streams");
    /** Long and random: Copilot masks the key's value wherever it appears in its output. */
    private static final String API_KEY = "sk-scripted-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

    private static final List<Path> RUN_DIRS = new ArrayList<>();
    private static ScriptedModelServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = ScriptedModelServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        if (!Boolean.getBoolean("dg.keep.runs")) {
            RUN_DIRS.forEach(RealCliConformanceTest::deleteTree);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temp dir
        }
    }

    static Stream<String> agents() {
        return AgentRecipes.ALL.keySet().stream();
    }

    @ParameterizedTest(name = "{0} writes hello.txt with its own tool")
    @MethodSource("agents")
    void write(String agent) throws Exception {
        AgentRecipes.Recipe recipe = requireInstalled(agent);
        Run run = Run.prepare(agent, "write");
        server.script(Conversation.of(recipe.writeTurn().apply(run.context()), Turn.text(FINAL)));

        Result result = run.execute(recipe, "Create the file hello.txt containing exactly: hello from " + agent);

        assertThat(result.exitCode()).as("exit code; stderr: %s", result.stderr()).isZero();
        assertThat(run.workspace().resolve("hello.txt")).as("stdout: %s", result.stdout())
                .hasContent("hello from " + agent);
        assertThat(server.scriptedCalls()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(recipe.finalMessage().apply(result)).isEqualTo(FINAL);
        assertThat(recipe.tokens().apply(result)).isPositive();
    }

    @ParameterizedTest(name = "{0} reports a clarification request")
    @MethodSource("agents")
    void clarify(String agent) throws Exception {
        AgentRecipes.Recipe recipe = requireInstalled(agent);
        Run run = Run.prepare(agent, "clarify");
        server.script(Conversation.of(Turn.text(CLARIFICATION)));

        Result result = run.execute(recipe, "Add an orders report to the application.");

        assertThat(result.exitCode()).as("exit code; stderr: %s", result.stderr()).isZero();
        assertThat(recipe.finalMessage().apply(result)).isEqualTo(CLARIFICATION);
        assertThat(recipe.tokens().apply(result)).isPositive();
    }

    private static AgentRecipes.Recipe requireInstalled(String agent) {
        AgentRecipes.Recipe recipe = AgentRecipes.ALL.get(agent);
        Path binary = AGENTS_HOME.resolve("node_modules/.bin").resolve(recipe.binary());
        Assumptions.assumeTrue(Files.isExecutable(binary), () -> agent + " is not installed at " + binary);
        return recipe;
    }

    private static Path agentsHome() {
        String configured = System.getProperty("dg.agents.home", System.getenv("DG_AGENTS_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        // surefire runs in the module directory; the repository root is its parent
        return Path.of("").toAbsolutePath().getParent().resolve(".dg/agents");
    }

    /** What a recipe needs to build a command line: paths, server URL and key. */
    record Context(Path workspace, Path home, String baseUrl, String apiKey, String agent) {
    }

    /** The outcome of one CLI run. */
    record Result(int exitCode, String stdout, String stderr, Context context) {

        List<JsonNode> events() {
            List<JsonNode> events = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (line.startsWith("{")) {
                    try {
                        events.add(JSON.readTree(line));
                    } catch (IOException e) {
                        // not an event line
                    }
                }
            }
            return events;
        }
    }

    /** A throwaway workspace and HOME for one CLI run. */
    record Run(String agent, String scenario, Path root) {

        static Run prepare(String agent, String scenario) throws IOException {
            Path root = Files.createTempDirectory("dg-cli-" + agent + "-" + scenario + "-");
            Files.createDirectories(root.resolve("workspace"));
            Files.createDirectories(root.resolve("home"));
            RUN_DIRS.add(root);
            return new Run(agent, scenario, root);
        }

        Path workspace() {
            return root.resolve("workspace");
        }

        Context context() {
            return new Context(workspace(), root.resolve("home"), server.baseUrl(), API_KEY, agent);
        }

        Result execute(AgentRecipes.Recipe recipe, String prompt) throws Exception {
            Context context = context();
            recipe.setup().accept(context);
            List<String> command = new ArrayList<>();
            command.add(AGENTS_HOME.resolve("node_modules/.bin").resolve(recipe.binary()).toString());
            command.addAll(recipe.arguments().apply(context));
            command.add(prompt);

            Map<String, String> env = new LinkedHashMap<>();
            env.put("HOME", context.home().toString());
            env.put("XDG_CONFIG_HOME", context.home().resolve(".config").toString());
            env.put("XDG_DATA_HOME", context.home().resolve(".local/share").toString());
            env.put("XDG_CACHE_HOME", context.home().resolve(".cache").toString());
            env.put("XDG_STATE_HOME", context.home().resolve(".local/state").toString());
            env.putAll(recipe.environment().apply(context));

            ProcessBuilder builder = new ProcessBuilder(command).directory(workspace().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(root.resolve("stdout.jsonl").toFile())
                    .redirectError(root.resolve("stderr.txt").toFile());
            Map<String, String> processEnv = builder.environment();
            String path = System.getenv("PATH");
            String lang = System.getenv().getOrDefault("LANG", "C.UTF-8");
            processEnv.clear();
            processEnv.put("PATH", path);
            processEnv.put("LANG", lang);
            processEnv.put("TERM", "dumb");
            processEnv.putAll(env);

            long started = System.nanoTime();
            Process process = builder.start();
            boolean finished = process.waitFor(recipe.timeoutSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            Result result = new Result(finished ? process.exitValue() : -1,
                    Files.readString(root.resolve("stdout.jsonl")), Files.readString(root.resolve("stderr.txt")), context);
            System.out.printf("%s/%s: exit %d in %d ms%n", agent, scenario, result.exitCode(), millis);
            if (Boolean.getBoolean("dg.record.streams")) {
                record(command, env, context, result);
            }
            return result;
        }

        private void record(List<String> command, Map<String, String> env, Context context, Result result)
                throws IOException {
            Path dir = RECORDED.resolve(agent);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(scenario + ".jsonl"), result.stdout());
            if (scenario.equals("write")) {
                StringBuilder text = new StringBuilder();
                text.append("# cwd: <workspace>; stdin: /dev/null; HOME and XDG_* dirs point into a fresh temp dir\n");
                text.append("command:");
                for (String part : command) {
                    String shown = part.replace(AGENTS_HOME.toString(), "$DG_AGENTS_HOME")
                            .replace(context.workspace().toString(), "<workspace>")
                            .replace(context.home().toString(), "<home>")
                            .replace(context.baseUrl(), "http://127.0.0.1:<port>");
                    text.append(' ').append(shown.contains(" ") || shown.isEmpty() ? "'" + shown + "'" : shown);
                }
                text.append("\nenv (values redacted):\n");
                env.keySet().forEach(name -> text.append("  ").append(name).append("=<redacted>\n"));
                text.append("config files:\n");
                for (String file : AgentRecipes.ALL.get(agent).configFiles()) {
                    text.append("  ").append(file).append('\n');
                }
                Files.writeString(dir.resolve("command.txt"), text.toString());
            }
        }
    }

    static Function<Result, Integer> sum(Function<JsonNode, Integer> perEvent) {
        return result -> result.events().stream().map(perEvent).mapToInt(Integer::intValue).sum();
    }
}
