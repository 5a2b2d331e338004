package dev.devgodzilla.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The schema of every apiVersion and kind the deploy manifests may use, read from deploy/schemas (see its README):
 * the built-in kinds from the Kubernetes OpenAPI definitions, custom resources from the {@code openAPIV3Schema} of
 * each served version of the CRDs.
 *
 * <p>Validation is strict, as {@code kubectl apply} is by default (server-side field validation {@code Strict}) and as
 * kubeconform's {@code -strict}: an object whose schema lists its properties admits no other, unless the schema says
 * {@code x-kubernetes-preserve-unknown-fields: true} or has its own {@code additionalProperties}. The published
 * schemas leave that implicit, so the catalog adds {@code additionalProperties: false} where the API server would
 * reject or drop an unknown field. It also spells out the value types that the API server decodes specially:
 * int-or-string, resource quantities (a string or a number) and base64 bytes.
 */
final class SchemaCatalog {

    /** Where the schemas are registered. Never fetched: every document comes from deploy/schemas. */
    private static final String BASE = "https://deploy-check.invalid/";
    private static final String KUBERNETES = BASE + "kubernetes.json";
    private static final String OBJECT_META = KUBERNETES + "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

    private final Map<String, String> documents = new HashMap<>();
    /** "apiVersion kind" to the IRI of its schema. */
    private final Map<String, String> kinds = new TreeMap<>();
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final SchemaRegistry registry;

    private SchemaCatalog(Path dir) {
        loadKubernetes(dir.resolve("kubernetes/swagger-subset.json"));
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(this::loadCrds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry = registry(Dialects.getOpenApi30(), documents::get);
    }

    static SchemaCatalog load(Path dir) {
        return new SchemaCatalog(dir);
    }

    /** The apiVersion and kind pairs that have a schema, e.g. "apps/v1 Deployment". */
    List<String> kinds() {
        return List.copyOf(kinds.keySet());
    }

    /** Every way the object departs from its schema, each naming the file, the object and the JSON path. */
    List<String> validate(Manifest manifest) {
        String key = manifest.apiVersion() + " " + manifest.kind();
        String iri = kinds.get(key);
        if (iri == null) {
            List<String> others = kinds.keySet().stream().filter(k -> k.endsWith(" " + manifest.kind())).toList();
            return List.of(manifest.where() + " $.apiVersion: no schema for " + key + " in deploy/schemas"
                    + (others.isEmpty() ? "" : "; served for this kind: " + String.join(", ", others)));
        }
        Schema schema = compiled.computeIfAbsent(iri, i -> registry.getSchema(SchemaLocation.of(i)));
        return messages(manifest.where(), schema.validate(manifest.body()));
    }

    /** The draft-07 schema in one file of deploy/schemas (the Compose specification, AsyncAPI). */
    static Schema draft7(String file) {
        String iri = BASE + file;
        String text;
        try {
            text = Files.readString(Repository.ROOT.resolve("deploy/schemas").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return registry(Dialects.getDraft7(), Map.of(iri, text)::get).getSchema(SchemaLocation.of(iri));
    }

    /** A registry of the given documents, reporting JSON paths ($.spec.replicas) and checking formats. */
    static SchemaRegistry registry(Dialect dialect, java.util.function.Function<String, String> documents) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_PATH)
                .formatAssertionsEnabled(true)
                .build();
        return SchemaRegistry.withDefaultDialect(dialect, builder -> builder
                .schemaRegistryConfig(config)
                .schemas(documents));
    }

    /** One line per error: where (file and object, or just the file), the JSON path, what is wrong. */
    static List<String> messages(String where, List<Error> errors) {
        List<String> messages = new ArrayList<>();
        for (Error error : errors) {
            NodePath at = error.getInstanceLocation();
            // an unknown or a missing property is reported on its object: name the property's own path
            if (error.getProperty() != null
                    && ("additionalProperties".equals(error.getKeyword()) || "required".equals(error.getKeyword()))) {
                at = at.append(error.getProperty());
            }
            messages.add(where + " " + at + ": " + error.getMessage());
        }
        return messages;
    }

    private void loadKubernetes(Path file) {
        ObjectNode spec = (ObjectNode) read(file);
        ObjectNode definitions = (ObjectNode) spec.path("definitions");
        // a quantity (cpu: 1, memory: 1Gi) is published as a string but decoded from a number too
        ObjectNode quantity = (ObjectNode) definitions.path(QUANTITY);
        quantity.remove("type");
        quantity.set("anyOf", types("string", "number"));
        for (Map.Entry<String, JsonNode> definition : definitions.properties()) {
            strict(definition.getValue());
            for (JsonNode gvk : definition.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                String apiVersion = group.isEmpty() ? gvk.path("version").asText() : group + "/" + gvk.path("version").asText();
                kinds.put(apiVersion + " " + gvk.path("kind").asText(), KUBERNETES + "#/definitions/" + definition.getKey());
            }
        }
        documents.put(KUBERNETES, spec.toString());
    }

    private void loadCrds(Path file) {
        for (JsonNode crd : YamlFiles.readAll(file)) {
            if (!crd.path("kind").asText().equals("CustomResourceDefinition")) {
                continue;
            }
            String group = crd.path("spec").path("group").asText();
            String kind = crd.path("spec").path("names").path("kind").asText();
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (!version.path("served").asBoolean(false)) {
                    continue;
                }
                ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema");
                // the API server validates a custom resource's metadata as it does any object's
                ((ObjectNode) schema.path("properties")).putObject("metadata").put("$ref", OBJECT_META);
                strict(schema);
                String apiVersion = group + "/" + version.path("name").asText();
                String iri = BASE + "crd/" + apiVersion + "/" + kind + ".json";
                documents.put(iri, schema.toString());
                kinds.put(apiVersion + " " + kind, iri);
            }
        }
    }

    /**
     * Makes a schema strict in place. Subschemas of allOf, anyOf, oneOf and not are left alone: in a structural
     * schema they only restate properties declared outside them, and closing them would reject those others.
     */
    static void strict(JsonNode node) {
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        if (schema.has("properties") && !schema.has("additionalProperties")
                && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            schema.put("additionalProperties", false);
        }
        // int-or-string: "port: 8080" and "port: http" alike
        boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false)
                || schema.path("format").asText().equals("int-or-string");
        if (intOrString && !schema.has("anyOf")) {
            schema.remove(List.of("type", "format"));
            schema.set("anyOf", types("integer", "string"));
        }
        // bytes travel base64-encoded (a Secret's data): the API server refuses anything else
        if (schema.path("format").asText().equals("byte") && !schema.has("pattern")) {
            schema.put("pattern", "^[A-Za-z0-9+/\\r\\n]*={0,2}$");
        }
        schema.path("properties").forEach(SchemaCatalog::strict);
        schema.path("definitions").forEach(SchemaCatalog::strict);
        JsonNode items = schema.path("items");
        if (items.isArray()) {
            items.forEach(SchemaCatalog::strict);
        } else {
            strict(items);
        }
        strict(schema.path("additionalProperties"));
    }

    private static ArrayNode types(String... types) {
        ArrayNode anyOf = YamlFiles.JSON.createArrayNode();
        for (String type : types) {
            anyOf.addObject().put("type", type);
        }
        return anyOf;
    }

    private static JsonNode read(Path file) {
        try {
            return YamlFiles.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
