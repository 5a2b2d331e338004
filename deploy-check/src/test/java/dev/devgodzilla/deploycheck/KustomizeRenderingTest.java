package dev.devgodzilla.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer on a small kustomization of its own, for the features deploy/k8s may not use yet. */
class KustomizeRenderingTest {

    @TempDir
    Path dir;

    @Test
    void rendersGeneratorsNamespaceNameHashesAndImages() throws IOException {
        write("kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: shop
                resources: [app.yaml]
                generatorOptions:
                  labels: {team: shop}
                configMapGenerator:
                  - name: settings
                    literals: [mode=fast]
                    envs: [settings.env]
                secretGenerator:
                  - name: credentials
                    files: [password=credentials.txt]
                    options: {disableNameSuffixHash: true}
                images:
                  - {name: example.com/app, newTag: "2.0"}
                """);
        write("settings.env", "# a comment\nlevel=3\n");
        write("app.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  selector: {matchLabels: {app: app}}
                  template:
                    metadata: {labels: {app: app}}
                    spec:
                      containers:
                        - name: app
                          image: example.com/app:1.0
                          env:
                            - name: PASSWORD
                              valueFrom: {secretKeyRef: {name: credentials, key: password}}
                      volumes:
                        - name: settings
                          configMap: {name: settings}
                ---
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata: {name: app}
                spec:
                  configMapTargetRef:
                    - {parameter: mode, name: settings, key: mode}
                """);

        List<Manifest> objects = KustomizeRendering.render(dir);

        assertThat(objects).extracting(Manifest::id).containsExactlyInAnyOrder("Namespace/shop", "Deployment/app",
                "TriggerAuthentication/app", "Secret/credentials", objects.stream()
                        .filter(m -> m.kind().equals("ConfigMap")).findFirst().orElseThrow().id());
        assertThat(objects).filteredOn(m -> !m.kind().equals("Namespace")).extracting(Manifest::namespace).containsOnly("shop");
        assertThat(object(objects, "Namespace").namespace()).isEmpty();

        Manifest settings = object(objects, "ConfigMap");
        assertThat(settings.name()).matches("settings-[0-9a-f]{10}");
        assertThat(settings.body().path("data").toString()).isEqualTo("{\"mode\":\"fast\",\"level\":\"3\"}");
        assertThat(settings.body().at("/metadata/labels/team").asText()).isEqualTo("shop");

        JsonNode pod = object(objects, "Deployment").body().at("/spec/template/spec");
        assertThat(pod.at("/volumes/0/configMap/name").asText()).isEqualTo(settings.name());
        assertThat(pod.at("/containers/0/image").asText()).isEqualTo("example.com/app:2.0");
        // kustomize rewrites no custom resource's reference: the hashed name leaves this one dangling
        assertThat(CrossReferences.check(objects)).singleElement().asString()
                .contains("TriggerAuthentication/app $.spec.configMapTargetRef[0].name: ConfigMap settings is not in the rendering");

        Manifest credentials = object(objects, "Secret");
        assertThat(credentials.name()).isEqualTo("credentials");
        assertThat(credentials.body().path("type").asText()).isEqualTo("Opaque");
        assertThat(new String(Base64.getDecoder().decode(credentials.body().at("/data/password").asText()), StandardCharsets.UTF_8))
                .isEqualTo(KustomizeRendering.PLACEHOLDER);
        assertThat(credentials.source()).contains("secretGenerator credentials, placeholder data for absent")
                .endsWith("credentials.txt)");
    }

    @Test
    void replacesAnImageByItsNameOnly() {
        JsonNode image = YamlFiles.parse("{name: example.com/app, newName: registry.example.com/app, digest: 'sha256:abc'}");
        assertThat(KustomizeRendering.replaceImage("example.com/app:1.0", image)).isEqualTo("registry.example.com/app@sha256:abc");
        assertThat(KustomizeRendering.replaceImage("example.com/app", image)).isEqualTo("registry.example.com/app@sha256:abc");
        assertThat(KustomizeRendering.replaceImage("example.com/app-other:1.0", image)).isEqualTo("example.com/app-other:1.0");
        assertThat(KustomizeRendering.replaceImage("localhost:5000/app:1", YamlFiles.parse("{name: 'localhost:5000/app', newTag: '2'}")))
                .isEqualTo("localhost:5000/app:2");
    }

    @Test
    void aKustomizationFieldItDoesNotModelIsAnError() throws IOException {
        write("kustomization.yaml", """
                resources: []
                commonLabels: {team: shop}
                """);
        assertThatThrownBy(() -> KustomizeRendering.render(dir)).hasMessageContaining("kustomization.yaml")
                .hasMessageContaining("'commonLabels' is not modelled by KustomizeRendering");
    }

    @Test
    void anObjectDeclaredTwiceIsAnError() throws IOException {
        write("kustomization.yaml", "resources: [a.yaml, b.yaml]\n");
        write("a.yaml", "{apiVersion: v1, kind: ConfigMap, metadata: {name: same}}\n");
        write("b.yaml", "{apiVersion: v1, kind: ConfigMap, metadata: {name: same}}\n");
        assertThatThrownBy(() -> KustomizeRendering.render(dir)).hasMessageContaining("ConfigMap/same is declared twice");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private static Manifest object(List<Manifest> objects, String kind) {
        return objects.stream().filter(m -> m.kind().equals(kind)).findFirst().orElseThrow();
    }
}
