package dev.devgodzilla.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.devgodzilla.contracts.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigAssignmentsTest {

    @Test
    void assignmentsSetNestedAndJsonValuesAndDropWhatIsEmpty() {
        ObjectNode current = Json.read("{\"timeout\": 60, \"defaultModel\": \"m1\"}", ObjectNode.class);

        ObjectNode next = ConfigAssignments.apply(current, List.of("baseUrl=http://127.0.0.1:4010/v1",
                "credentials.OPENAI_API_KEY=env:MY_KEY", "maxAttempts=2", "egress=[\"a.example:443\"]",
                "enabled=false", "defaultModel="));

        assertThat(next.path("baseUrl").asText()).isEqualTo("http://127.0.0.1:4010/v1");
        assertThat(next.path("credentials").path("OPENAI_API_KEY").asText()).isEqualTo("env:MY_KEY");
        assertThat(next.path("maxAttempts").isInt()).isTrue();
        assertThat(next.path("egress").get(0).asText()).isEqualTo("a.example:443");
        assertThat(next.path("enabled").isBoolean()).isTrue();
        assertThat(next.has("defaultModel")).isFalse();
        assertThat(next.path("timeout").asInt()).isEqualTo(60);
        // the fields read are left as they were
        assertThat(current.has("baseUrl")).isFalse();
    }

    @Test
    void anArgumentWithoutAKeyIsRefused() {
        assertThatThrownBy(() -> ConfigAssignments.apply(null, List.of("=x"))).hasMessageContaining("key=value");
        assertThatThrownBy(() -> ConfigAssignments.apply(null, List.of("baseUrl"))).hasMessageContaining("key=value");
    }
}
