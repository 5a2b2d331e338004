package dev.devgodzilla.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml against the Compose specification's schema in deploy/schemas. */
class ComposeFileTest {

    private static final Path COMPOSE = Repository.ROOT.resolve("docker-compose.yml");
    private static Schema schema;
    private static JsonNode compose;

    @BeforeAll
    static void load() {
        schema = SchemaCatalog.draft7("compose-spec/compose-spec.json");
        compose = YamlFiles.readOne(COMPOSE);
    }

    @Test
    void theComposeFileMatchesTheComposeSpecification() {
        List<String> errors = validate(compose);
        assertThat(errors).withFailMessage(() -> KubernetesManifestsTest.report("schema errors", errors)).isEmpty();
    }

    @Test
    void aMisspelledFieldIsAnError() {
        JsonNode broken = compose.deepCopy();
        ObjectNode kafka = (ObjectNode) broken.path("services").path("kafka");
        kafka.set("imagee", kafka.remove("image"));
        assertThat(validate(broken)).anySatisfy(error -> assertThat(error)
                .startsWith("docker-compose.yml $.services.kafka.imagee: property 'imagee' is not defined"));
    }

    @Test
    void aValueOfTheWrongTypeIsAnError() {
        JsonNode broken = compose.deepCopy();
        ((ObjectNode) broken.path("services").path("kafka")).put("ports", 29092);
        assertThat(validate(broken)).anySatisfy(error -> assertThat(error)
                .startsWith("docker-compose.yml $.services.kafka.ports: integer found, array expected"));
    }

    @Test
    void aMissingRequiredFieldIsAnError() {
        JsonNode broken = compose.deepCopy();
        ((ObjectNode) broken.path("services").path("kafka-topics").path("depends_on").path("kafka")).remove("condition");
        assertThat(validate(broken)).anySatisfy(error -> assertThat(error)
                .startsWith("docker-compose.yml $.services['kafka-topics'].depends_on.kafka.condition: required property 'condition' not found"));
    }

    private static List<String> validate(JsonNode document) {
        return SchemaCatalog.messages(Repository.relative(COMPOSE), schema.validate(document));
    }
}
