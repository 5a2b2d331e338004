package dev.devgodzilla.e2e;

import dev.devgodzilla.testkit.TestApiTokens;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./dg agent} and {@code ./dg template} commands that change the agent configuration, the routing and
 * the prompt templates, run as the command line (the built cli jar, as {@code ./dg} starts it) against
 * registry-service of the local stack.
 */
@ExtendWith(LocalStackExtension.class)
class ConfigurationCommandsIT {
    private static LocalStack stack;

    @BeforeAll
    static void connect(LocalStack localStack) {
        stack = localStack;
    }

    @Test
    void configSetChangesOnlyTheNamedFieldsAndRefusesASecretValue() throws Exception {
        DgCli.Run set = dg("agent", "config", "set", "qwen", "maxAttempts=2", "credentials.OPENAI_API_KEY=env:CLI_IT_KEY");
        assertThat(set.exitCode()).as(set.describe()).isZero();
        assertThat(set.out()).as(set.describe()).startsWith("qwen: version ");

        JsonPath config = registry().get("/agents/qwen/config").then().statusCode(200).extract().jsonPath();
        assertThat(config.getInt("fields.maxAttempts")).isEqualTo(2);
        assertThat(config.getString("effective.credentials.OPENAI_API_KEY")).isEqualTo("env:CLI_IT_KEY");
        assertThat(config.getString("sources.maxAttempts")).isEqualTo("api");

        DgCli.Run get = dg("agent", "config", "get", "qwen");
        assertThat(get.exitCode()).as(get.describe()).isZero();
        assertThat(get.out()).contains("maxAttempts").contains("api").contains("egress");

        // a value instead of a reference is refused by the service, and the command says why
        DgCli.Run secret = dg("agent", "config", "set", "qwen", "credentials.OPENAI_API_KEY=sk-live-123");
        assertThat(secret.exitCode()).as(secret.describe()).isNotZero();
        assertThat(secret.err()).contains("credentials.OPENAI_API_KEY").contains("reference");
        assertThat(registry().get("/agents/qwen/config").then().extract().<Integer>path("version"))
                .isEqualTo(config.getInt("version"));
    }

    @Test
    void aProjectsConfigurationOfAnAgentIsSetFromTheCommandLineAndShapesItsSteps() throws Exception {
        DgCli.Run set = dg("agent", "config", "set", "dummy", "--project", "cli-it-shop", "timeout=77", "defaultModel=m-cli");
        assertThat(set.exitCode()).as(set.describe()).isZero();
        assertThat(set.out()).as(set.describe()).startsWith("dummy in project cli-it-shop: version 1");
        DgCli.Run get = dg("agent", "config", "get", "dummy", "--project", "cli-it-shop");
        assertThat(get.out()).as(get.describe()).contains("m-cli").contains("project");
        // the agent's own configuration stays as it was
        assertThat(registry().get("/agents/dummy/config").then().extract().<String>path("effective.defaultModel"))
                .isNotEqualTo("m-cli");
        // a field that is the agent's, not a project's, is refused naming it
        DgCli.Run refused = dg("agent", "config", "set", "dummy", "--project", "cli-it-shop", "baseUrl=http://x.example");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("'baseUrl'");

        // the project's steps get its model in execution-service, and their timeline says where it came from
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            String probe = "cli-it-proj-" + System.nanoTime();
            given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR)
                    .contentType("application/json").body("{\"stepId\": \"" + probe + "\", \"agentId\": \"dummy\","
                            + " \"projectId\": \"cli-it-shop\", \"task\": \"print ok\"}")
                    .post("/steps").then().statusCode(202);
            return given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", probe).then().extract().jsonPath()
                    .getList("events.summary", String.class).stream()
                    .anyMatch(e -> e.contains("model m-cli (from project cli-it-shop's configuration of the agent)"));
        });
    }

    @Test
    void defaultsAndAssignmentsAreSetFromTheCommandLine() throws Exception {
        DgCli.Run defaults = dg("agent", "defaults", "--task-type", "cli-it-review=qwen");
        assertThat(defaults.exitCode()).as(defaults.describe()).isZero();
        assertThat(registry().get("/agents/defaults").then().statusCode(200).extract()
                .<String>path("byTaskType.cli-it-review")).isEqualTo("qwen");

        DgCli.Run assign = dg("agent", "assign", "--project", "cli-it-project", "codex");
        DgCli.Run reassign = dg("agent", "assign", "--project", "cli-it-project", "qwen");
        assertThat(assign.exitCode()).as(assign.describe()).isZero();
        assertThat(reassign.exitCode()).as(reassign.describe()).isZero();
        List<String> agents = registry().get("/agents/assignments").then().statusCode(200).extract().jsonPath()
                .getList("assignments.findAll { it.projectId == 'cli-it-project' }.agentId", String.class);
        // the same project and task type get the new agent, not a second rule
        assertThat(agents).containsExactly("qwen");
        // and the defaults stayed as they were
        assertThat(registry().get("/agents/defaults").then().extract()
                .<String>path("byTaskType.cli-it-review")).isEqualTo("qwen");

        DgCli.Run nothing = dg("agent", "assign", "qwen");
        assertThat(nothing.exitCode()).isNotZero();
        assertThat(nothing.err()).contains("--project");
    }

    @Test
    void templatesAreSetShownPreviewedAndRemovedFromTheCommandLine() throws Exception {
        DgCli.Run list = dg("template", "list");
        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(list.out()).contains("default").contains("built-in");

        DgCli.Run set = dg("template", "set", "cli-it-fix", "--text", "Fix in {projectId}: {task}",
                "--description", "fixes");
        assertThat(set.exitCode()).as(set.describe()).isZero();
        assertThat(set.out()).isEqualTo("cli-it-fix: version 1\n");
        // a second set changes it over the version it read, and keeps the description
        DgCli.Run change = dg("template", "set", "cli-it-fix", "--text", "Fix {task} in {projectId}");
        assertThat(change.out()).as(change.describe()).isEqualTo("cli-it-fix: version 2\n");
        assertThat(registry().get("/prompt-templates/cli-it-fix").then().statusCode(200).extract()
                .<String>path("description")).isEqualTo("fixes");

        // execution-service uses it for a step of that task type, and the step's timeline says so
        String stepId = "cli-it-tpl-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
            String probe = stepId + "-" + System.nanoTime();
            given().baseUri(stack.execution.baseUrl()).auth().oauth2(TestApiTokens.OPERATOR)
                    .contentType("application/json").body("{\"stepId\": \"" + probe + "\", \"agentId\": \"dummy\","
                            + " \"taskType\": \"cli-it-fix\", \"projectId\": \"shop\", \"task\": \"print ok\"}")
                    .post("/steps").then().statusCode(202);
            return given().baseUri(stack.execution.baseUrl()).get("/steps/{id}", probe).then().extract().jsonPath()
                    .getList("events.summary", String.class).stream()
                    .anyMatch(e -> e.contains("prompt template 'cli-it-fix' v2 (from the task type)"));
        });

        DgCli.Run show = dg("template", "show", "cli-it-fix");
        assertThat(show.out()).as(show.describe()).contains("version 2").contains("Fix {task} in {projectId}");
        DgCli.Run preview = dg("template", "preview", "cli-it-fix", "--task", "the cart", "--project", "shop");
        assertThat(preview.out()).as(preview.describe()).isEqualTo("Fix the cart in shop\n");

        // a text that does not render is refused with the service's reason, and the template stays
        DgCli.Run bad = dg("template", "set", "cli-it-fix", "--text", "{task} {projct}");
        assertThat(bad.exitCode()).as(bad.describe()).isNotZero();
        assertThat(bad.err()).contains("projct");

        DgCli.Run remove = dg("template", "remove", "cli-it-fix");
        assertThat(remove.exitCode()).as(remove.describe()).isZero();
        registry().get("/prompt-templates/cli-it-fix").then().statusCode(404);
        DgCli.Run gone = dg("template", "show", "cli-it-fix");
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.err()).contains("404");
    }

    private static io.restassured.specification.RequestSpecification registry() {
        return given().baseUri(stack.registry.baseUrl());
    }

    private static DgCli.Run dg(String... args) throws IOException, InterruptedException {
        return DgCli.run(stack, args);
    }
}
