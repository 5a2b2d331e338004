package dev.devgodzilla.support.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenApiRoutesTest {

    @Test
    void pathsAreJoinedAsTheDocumentSpellsThem() {
        assertThat(OpenApiRoutes.join("/steps", "")).isEqualTo("/steps");
        assertThat(OpenApiRoutes.join("/steps/", "/{stepId}/")).isEqualTo("/steps/{stepId}");
        assertThat(OpenApiRoutes.join("agents", "{id: [a-z0-9-]+}/config")).isEqualTo("/agents/{id}/config");
        assertThat(OpenApiRoutes.join("/", "")).isEqualTo("/");
    }
}
