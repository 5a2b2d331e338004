package dev.devgodzilla.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** deploy/k8s, rendered as {@code kubectl apply -k} renders it, against the schemas in deploy/schemas. */
class KubernetesManifestsTest {

    private static final Path K8S = Repository.ROOT.resolve("deploy/k8s");
    private static SchemaCatalog catalog;
    private static List<Manifest> rendering;

    @BeforeAll
    static void render() {
        catalog = SchemaCatalog.load(Repository.ROOT.resolve("deploy/schemas"));
        rendering = KustomizeRendering.render(K8S);
    }

    @Test
    void everyObjectMatchesTheSchemaOfItsApiVersionAndKind() {
        List<String> errors = rendering.stream().flatMap(m -> catalog.validate(m).stream()).toList();
        assertThat(errors).withFailMessage(() -> report("schema errors", errors)).isEmpty();
    }

    @Test
    void everyReferenceNamesAnObjectOfTheRendering() {
        List<String> errors = CrossReferences.check(rendering);
        assertThat(errors).withFailMessage(() -> report("dangling references", errors)).isEmpty();
    }

    @Test
    void theRenderingHasTheNamespaceAndTheGeneratedTokenSecret() {
        assertThat(rendering).filteredOn(m -> !m.kind().equals("Namespace"))
                .allSatisfy(m -> assertThat(m.namespace()).as(m.where()).isEqualTo("devgodzilla"));
        assertThat(rendering).filteredOn(m -> m.kind().equals("Namespace")).singleElement()
                .satisfies(m -> assertThat(m.namespace()).isEmpty());

        // disableNameSuffixHash: the workloads' secretKeyRef name it as written
        Manifest tokens = rendering.stream().filter(m -> m.id().equals("Secret/dg-api-tokens")).findFirst().orElseThrow();
        String value = new String(Base64.getDecoder().decode(tokens.body().path("data").path("tokens").asText()),
                StandardCharsets.UTF_8);
        if (Files.exists(K8S.resolve("api-tokens"))) {
            assertThat(tokens.source()).doesNotContain("placeholder");
        } else {
            assertThat(value).isEqualTo(KustomizeRendering.PLACEHOLDER);
            assertThat(tokens.source()).contains("placeholder data for absent deploy/k8s/api-tokens");
        }
    }

    /** A deliberately broken copy of a rendered object fails, and the message says where. */
    @Nested
    class BrokenCopy {

        @Test
        void aMisspelledFieldIsAnError() {
            Manifest deployment = first("Deployment");
            ObjectNode container = (ObjectNode) deployment.body().at("/spec/template/spec/containers/0");
            container.set("imgae", container.remove("image"));
            assertThat(catalog.validate(deployment)).anySatisfy(error -> assertThat(error)
                    .startsWith(deployment.source() + " " + deployment.id() + " ")
                    .contains("$.spec.template.spec.containers[0].imgae: property 'imgae' is not defined"));

            Manifest topic = first("KafkaTopic");
            ObjectNode spec = (ObjectNode) topic.body().path("spec");
            spec.set("partitons", spec.remove("partitions"));
            assertThat(catalog.validate(topic)).anySatisfy(error -> assertThat(error)
                    .startsWith(topic.where()).contains("$.spec.partitons: property 'partitons' is not defined"));
        }

        @Test
        void aValueOfTheWrongTypeIsAnError() {
            Manifest deployment = first("Deployment");
            ((ObjectNode) deployment.body().path("spec")).put("replicas", "two");
            assertThat(catalog.validate(deployment)).anySatisfy(error -> assertThat(error)
                    .startsWith(deployment.where()).contains("$.spec.replicas: string found, integer expected"));

            Manifest topic = first("KafkaTopic");
            ((ObjectNode) topic.body().path("spec")).put("partitions", "twelve");
            assertThat(catalog.validate(topic)).anySatisfy(error -> assertThat(error)
                    .startsWith(topic.where()).contains("$.spec.partitions: string found, integer expected"));

            Manifest secret = first("Secret");
            secret.body().withObjectProperty("data").put("extra", "not base64!");
            assertThat(catalog.validate(secret)).anySatisfy(error -> assertThat(error)
                    .startsWith(secret.where()).contains("$.data.extra: does not match the regex pattern"));
        }

        @Test
        void anApiVersionNoSchemaServesIsAnError() {
            Manifest topic = first("KafkaTopic");
            topic.body().put("apiVersion", "kafka.strimzi.io/v1beta2");
            assertThat(catalog.validate(topic)).singleElement().asString()
                    .startsWith(topic.where() + " $.apiVersion: no schema for kafka.strimzi.io/v1beta2 KafkaTopic")
                    .contains("served for this kind: kafka.strimzi.io/v1 KafkaTopic");
        }

        @Test
        void aMissingRequiredFieldIsAnError() {
            Manifest deployment = first("Deployment");
            ((ObjectNode) deployment.body().at("/spec/template/spec/containers/0")).remove("name");
            assertThat(catalog.validate(deployment)).anySatisfy(error -> assertThat(error)
                    .startsWith(deployment.where()).contains("$.spec.template.spec.containers[0].name: required property 'name' not found"));

            Manifest scaledObject = first("ScaledObject");
            ((ObjectNode) scaledObject.body().path("spec")).remove("scaleTargetRef");
            assertThat(catalog.validate(scaledObject)).anySatisfy(error -> assertThat(error)
                    .startsWith(scaledObject.where()).contains("$.spec.scaleTargetRef: required property 'scaleTargetRef' not found"));
        }

        @Test
        void everyObjectOfTheRenderingRejectsAnUnknownField() {
            for (Manifest original : rendering) {
                Manifest m = original.copy();
                m.body().putObject("spce");
                m.metadata().put("lables", "app");
                List<String> errors = catalog.validate(m);
                assertThat(errors).as(m.where())
                        .anySatisfy(error -> assertThat(error).startsWith(m.where() + " $.spce: property 'spce' is not defined"))
                        .anySatisfy(error -> assertThat(error).startsWith(m.where() + " $.metadata.lables: property 'lables' is not defined"));
                if (original.body().path("spec").isObject()) {
                    ((ObjectNode) m.body().path("spec")).put("notAField", true);
                    assertThat(catalog.validate(m)).as(m.where()).anySatisfy(error -> assertThat(error)
                            .startsWith(m.where() + " $.spec.notAField: property 'notAField' is not defined"));
                }
            }
        }

        @Test
        void fieldsAndValuesTheSchemaLeavesOpenStayOpen() {
            Manifest topic = first("KafkaTopic");
            List<String> before = catalog.validate(topic);
            topic.metadata().withObjectProperty("labels").put("example.com/any-label", "any value");
            // spec.config is x-kubernetes-preserve-unknown-fields: any topic setting passes the schema
            topic.body().withObjectProperty("spec").withObjectProperty("config").put("some.future.setting", "1");
            assertThat(catalog.validate(topic)).isEqualTo(before);

            // a quantity may be a number, an int-or-string port a name or a number
            Manifest deployment = first("Deployment");
            before = catalog.validate(deployment);
            ObjectNode container = (ObjectNode) deployment.body().at("/spec/template/spec/containers/0");
            container.withObjectProperty("resources").withObjectProperty("requests").put("cpu", 1).put("memory", "1Gi");
            container.withObjectProperty("livenessProbe").withObjectProperty("httpGet").put("port", 8080);
            container.withObjectProperty("readinessProbe").withObjectProperty("httpGet").put("port", "http");
            assertThat(catalog.validate(deployment)).isEqualTo(before);
        }

        @Test
        void aReferenceToAnAbsentSecretOrKeyIsAnError() {
            Manifest deployment = first("Deployment");
            References.Ref ref = References.of(deployment).stream().filter(r -> r.kind().equals("Secret"))
                    .findFirst().orElseThrow();
            ref.holder().put(ref.field(), "no-such-secret");
            assertThat(newReferenceErrors(deployment)).singleElement().asString()
                    .startsWith(deployment.where() + " " + ref.path() + "." + ref.field() + ": Secret no-such-secret is not in the rendering");

            Manifest other = first("Deployment");
            References.Ref keyRef = References.of(other).stream()
                    .filter(r -> r.kind().equals("Secret") && !r.keys().isEmpty() && rendered(r.kind(), r.name()))
                    .findFirst().orElseThrow();
            keyRef.holder().put("key", "no-such-key");
            assertThat(newReferenceErrors(other)).singleElement().asString()
                    .startsWith(other.where() + " " + keyRef.path() + ": ").endsWith("has no key no-such-key");
        }

        @Test
        void aStrimziResourceOfAnUnknownClusterIsAnError() {
            Manifest topic = first("KafkaTopic");
            topic.metadata().withObjectProperty("labels").put("strimzi.io/cluster", "no-such-kafka");
            assertThat(newReferenceErrors(topic)).singleElement().asString()
                    .startsWith(topic.where() + " $.metadata.labels['strimzi.io/cluster']: no Kafka no-such-kafka");
        }

        @Test
        void theSecretOfAKafkaUserCountsAsPresent() {
            String cluster = first("Kafka").name();
            Manifest user = new Manifest("test", (ObjectNode) YamlFiles.parse("""
                    apiVersion: kafka.strimzi.io/v1
                    kind: KafkaUser
                    metadata:
                      name: dg-worker
                      namespace: devgodzilla
                      labels: {strimzi.io/cluster: %s}
                    spec:
                      authentication: {type: scram-sha-512}
                    """.formatted(cluster)));
            Manifest deployment = first("Deployment");
            ((ObjectNode) deployment.body().at("/spec/template/spec/containers/0")).withArrayProperty("env").addObject()
                    .put("name", "KAFKA_PASSWORD").withObjectProperty("valueFrom").withObjectProperty("secretKeyRef")
                    .put("name", "dg-worker").put("key", "password");
            List<Manifest> objects = new ArrayList<>(replacing(deployment));
            objects.add(user);
            assertThat(catalog.validate(user)).isEmpty();
            assertThat(CrossReferences.check(objects)).isEqualTo(CrossReferences.check(rendering));
        }
    }

    private static Manifest first(String kind) {
        return rendering.stream().filter(m -> m.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in the rendering of deploy/k8s"))
                .copy();
    }

    private static boolean rendered(String kind, String name) {
        return rendering.stream().anyMatch(m -> m.kind().equals(kind) && m.name().equals(name));
    }

    /** The rendering with the object of the same kind and name replaced by a changed copy. */
    private static List<Manifest> replacing(Manifest changed) {
        return rendering.stream().map(m -> m.id().equals(changed.id()) ? changed : m).toList();
    }

    /** The reference errors a changed copy adds to those of the rendering as it is. */
    private static List<String> newReferenceErrors(Manifest changed) {
        List<String> errors = new ArrayList<>(CrossReferences.check(replacing(changed)));
        errors.removeAll(CrossReferences.check(rendering));
        return errors;
    }

    static String report(String what, List<String> errors) {
        return errors.size() + " " + what + ":\n  " + String.join("\n  ", errors);
    }
}
