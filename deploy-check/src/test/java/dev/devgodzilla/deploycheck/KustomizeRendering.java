package dev.devgodzilla.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization directory the way {@code kubectl apply -k} does, for the features the deploy manifests
 * use: {@code resources} (files of one or more YAML documents, or directories with their own kustomization),
 * {@code namespace}, {@code secretGenerator} and {@code configMapGenerator} with their {@code options} and the
 * top-level {@code generatorOptions}, and {@code images}. Any other kustomization field is an error rather than
 * being skipped silently, so the check never validates something other than what would be applied.
 */
final class KustomizeRendering {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources",
            "secretGenerator", "configMapGenerator", "generatorOptions", "images");

    /** The kinds kustomize treats as cluster-scoped, of those a deployment may use: they get no namespace. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ClusterTriggerAuthentication");

    /** Data of a generated Secret whose file is not in git (it is written at deploy time, see the kustomization). */
    static final String PLACEHOLDER = "placeholder: file absent from the repository";

    private KustomizeRendering() {
    }

    /** Every object {@code kubectl apply -k dir} would apply. */
    static List<Manifest> render(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        String source = Repository.relative(file);
        JsonNode kustomization = YamlFiles.readOne(file);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(source + ": kustomization field '" + field
                        + "' is not modelled by KustomizeRendering; add it there so the check renders what kubectl applies");
            }
        });

        List<Manifest> objects = new ArrayList<>();
        for (JsonNode entry : kustomization.path("resources")) {
            Path resource = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                objects.addAll(render(resource));
            } else if (Files.isRegularFile(resource)) {
                for (JsonNode document : YamlFiles.readAll(resource)) {
                    if (!(document instanceof ObjectNode object)) {
                        throw new IllegalArgumentException(Repository.relative(resource) + ": a document is not an object");
                    }
                    objects.add(new Manifest(Repository.relative(resource), object));
                }
            } else {
                throw new IllegalArgumentException(source + ": resource " + entry.asText() + " does not exist");
            }
        }

        JsonNode defaults = kustomization.path("generatorOptions");
        List<Manifest> hashed = new ArrayList<>();
        for (String kind : List.of("Secret", "ConfigMap")) {
            for (JsonNode entry : kustomization.path(kind.equals("Secret") ? "secretGenerator" : "configMapGenerator")) {
                Manifest generated = generate(kind, entry, defaults, dir, source);
                objects.add(generated);
                if (!entry.path("options").path("disableNameSuffixHash")
                        .asBoolean(defaults.path("disableNameSuffixHash").asBoolean(false))) {
                    hashed.add(generated);
                }
            }
        }

        String namespace = kustomization.path("namespace").asText("");
        if (!namespace.isEmpty()) {
            objects.stream().filter(m -> !CLUSTER_SCOPED.contains(m.kind()))
                    .forEach(m -> m.metadata().put("namespace", namespace));
        }
        for (JsonNode image : kustomization.path("images")) {
            objects.forEach(m -> setImage(m.body(), image));
        }
        hashed.forEach(generated -> appendNameHash(generated, objects));
        rejectDuplicates(objects, source);
        return objects;
    }

    private static Manifest generate(String kind, JsonNode entry, JsonNode defaults, Path dir, String source) {
        String name = entry.path("name").asText();
        Map<String, String> data = new LinkedHashMap<>();
        List<String> absent = new ArrayList<>();
        for (JsonNode literal : entry.path("literals")) {
            String[] kv = literal.asText().split("=", 2);
            data.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        for (JsonNode spec : entry.path("files")) {
            String[] kv = spec.asText().split("=", 2);
            Path file = dir.resolve(kv[kv.length - 1]);
            String key = kv.length > 1 ? kv[0] : file.getFileName().toString();
            if (Files.isRegularFile(file)) {
                data.put(key, read(file));
            } else if (kind.equals("Secret")) {
                data.put(key, PLACEHOLDER);
                absent.add(Repository.relative(file));
            } else {
                throw new IllegalArgumentException(source + ": configMapGenerator " + name + ": no file " + file);
            }
        }
        for (JsonNode env : entry.path("envs")) {
            for (String line : read(dir.resolve(env.asText())).split("\n")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    String[] kv = trimmed.split("=", 2);
                    data.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
        }

        ObjectNode object = YamlFiles.JSON.createObjectNode().put("apiVersion", "v1").put("kind", kind);
        ObjectNode metadata = object.putObject("metadata").put("name", name);
        if (entry.hasNonNull("namespace")) {
            metadata.put("namespace", entry.path("namespace").asText());
        }
        for (String field : List.of("labels", "annotations")) {
            ObjectNode merged = YamlFiles.JSON.createObjectNode();
            merged.setAll(objectOrEmpty(defaults.path(field)));
            merged.setAll(objectOrEmpty(entry.path("options").path(field)));
            if (!merged.isEmpty()) {
                metadata.set(field, merged);
            }
        }
        if (kind.equals("Secret")) {
            object.put("type", entry.path("type").asText("Opaque"));
            ObjectNode encoded = object.putObject("data");
            data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        } else {
            ObjectNode plain = object.putObject("data");
            data.forEach(plain::put);
        }
        boolean immutable = entry.path("options").path("immutable").asBoolean(defaults.path("immutable").asBoolean(false));
        if (immutable) {
            object.put("immutable", true);
        }
        String where = source + " (" + (kind.equals("Secret") ? "secretGenerator " : "configMapGenerator ") + name
                + (absent.isEmpty() ? "" : ", placeholder data for absent " + String.join(", ", absent)) + ")";
        return new Manifest(where, object);
    }

    /**
     * Kustomize names a generated object name-hash, the hash taken over its content so that a change rolls the pods
     * that use it, and rewrites the references to it in the built-in kinds; it knows no custom resource's fields, so
     * a reference from one (a KEDA TriggerAuthentication, say) keeps the plain name and dangles. The hash here is not
     * kustomize's own: nothing checked depends on its value, only on which references follow the name.
     */
    private static void appendNameHash(Manifest generated, List<Manifest> objects) {
        String base = generated.name();
        String hashed = base + "-" + sha256(generated.kind() + generated.body().path("data")).substring(0, 10);
        generated.metadata().put("name", hashed);
        for (Manifest object : objects) {
            if (object.namespace().equals(generated.namespace()) && builtIn(object)) {
                for (References.Ref ref : References.of(object)) {
                    if (ref.kind().equals(generated.kind()) && ref.name().equals(base)) {
                        ref.holder().put(ref.field(), hashed);
                    }
                }
            }
        }
    }

    /** A kind of Kubernetes itself: of the core group, a group without a dot (apps, batch, ...) or a *.k8s.io group. */
    private static boolean builtIn(Manifest object) {
        return !object.group().contains(".") || object.group().endsWith(".k8s.io");
    }

    /** The images transformer: an image whose name matches gets the new name, tag or digest. */
    private static void setImage(JsonNode node, JsonNode image) {
        if (node.isArray()) {
            node.forEach(item -> setImage(item, image));
        } else if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (Set.of("containers", "initContainers", "ephemeralContainers").contains(field.getKey())) {
                    for (JsonNode container : field.getValue()) {
                        if (container instanceof ObjectNode c && c.path("image").isTextual()) {
                            c.put("image", replaceImage(c.path("image").asText(), image));
                        }
                    }
                }
                setImage(field.getValue(), image);
            }
        }
    }

    static String replaceImage(String reference, JsonNode image) {
        int at = reference.indexOf('@');
        String withoutDigest = at < 0 ? reference : reference.substring(0, at);
        int colon = withoutDigest.lastIndexOf(':');
        boolean tagged = colon > withoutDigest.lastIndexOf('/');
        String name = tagged ? withoutDigest.substring(0, colon) : withoutDigest;
        if (!name.equals(image.path("name").asText())) {
            return reference;
        }
        String suffix = reference.substring(name.length());
        if (image.hasNonNull("digest")) {
            suffix = "@" + image.path("digest").asText();
        } else if (image.hasNonNull("newTag")) {
            suffix = ":" + image.path("newTag").asText();
        }
        return image.path("newName").asText(name) + suffix;
    }

    /** Kustomize refuses two objects of one kind, namespace and name. */
    private static void rejectDuplicates(List<Manifest> objects, String source) {
        Map<String, Manifest> seen = new HashMap<>();
        for (Manifest object : objects) {
            String id = object.group() + " " + object.kind() + " " + object.namespace() + "/" + object.name();
            Manifest earlier = seen.putIfAbsent(id, object);
            if (earlier != null) {
                throw new IllegalArgumentException(source + ": " + object.id() + " is declared twice, in "
                        + earlier.source() + " and " + object.source());
            }
        }
    }

    private static ObjectNode objectOrEmpty(JsonNode node) {
        return node instanceof ObjectNode object ? object : YamlFiles.JSON.createObjectNode();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
