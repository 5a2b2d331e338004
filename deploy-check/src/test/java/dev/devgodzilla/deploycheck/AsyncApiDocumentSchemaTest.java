package dev.devgodzilla.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml against the AsyncAPI 3.0.0 schema in deploy/schemas. Contracts' AsyncApiDocumentTest makes
 * the document from the message records; this holds it to the specification, so a tool that reads AsyncAPI
 * (a generator, a catalogue, a validator in CI) reads it too.
 */
class AsyncApiDocumentSchemaTest {

    private static final Path DOCUMENT = Repository.ROOT.resolve("docs/asyncapi.yaml");
    private static Schema schema;
    private static JsonNode document;

    @BeforeAll
    static void load() {
        schema = SchemaCatalog.draft7("asyncapi/asyncapi-3.0.0.json");
        document = YamlFiles.readOne(DOCUMENT);
    }

    @Test
    void theDocumentIsAsyncApi3() {
        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(document.path("channels").size()).as("channels").isGreaterThan(10);
        List<String> errors = validate(document);
        assertThat(errors).withFailMessage(() -> KubernetesManifestsTest.report("schema errors", errors)).isEmpty();
    }

    @Test
    void anOperationOfAnOlderVersionIsAnError() {
        // AsyncAPI 2 spoke of publish and subscribe; 3 says send and receive
        JsonNode broken = document.deepCopy();
        ObjectNode operation = (ObjectNode) broken.path("operations").elements().next();
        operation.put("action", "publish");
        assertThat(validate(broken)).isNotEmpty();
    }

    @Test
    void aMisspelledChannelFieldIsAnError() {
        JsonNode broken = document.deepCopy();
        ObjectNode channel = (ObjectNode) broken.path("channels").path("stepRequests");
        channel.set("adress", channel.remove("address"));
        assertThat(validate(broken)).isNotEmpty();
    }

    private static List<String> validate(JsonNode value) {
        return SchemaCatalog.messages(Repository.relative(DOCUMENT), schema.validate(value));
    }
}
