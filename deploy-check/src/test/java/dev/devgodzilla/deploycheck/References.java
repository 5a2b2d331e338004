package dev.devgodzilla.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The places where an object names a Secret or a ConfigMap of its namespace: env {@code secretKeyRef} and
 * {@code configMapKeyRef} (also inside custom resources such as Strimzi's, which use the same shape), {@code envFrom},
 * {@code secret}, {@code configMap} and {@code projected} volumes, and a KEDA TriggerAuthentication's
 * {@code secretTargetRef} and {@code configMapTargetRef}.
 */
final class References {

    /**
     * One reference.
     *
     * @param kind Secret or ConfigMap
     * @param holder the JSON object that holds the name
     * @param field the name's field in the holder
     * @param keys the keys the reference needs in the object's data (empty when it takes them all)
     * @param optional whether Kubernetes accepts the object being absent
     * @param path the JSON path of the holder, for messages
     */
    record Ref(String kind, ObjectNode holder, String field, List<String> keys, boolean optional, String path) {
        String name() {
            return holder.path(field).asText("");
        }
    }

    private References() {
    }

    static List<Ref> of(Manifest manifest) {
        List<Ref> refs = new ArrayList<>();
        walk(manifest.body(), "$", refs);
        return refs;
    }

    private static void walk(JsonNode node, String path, List<Ref> refs) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", refs);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String at = path + "." + field.getKey();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "secretKeyRef" -> keyRef("Secret", value, at, refs);
                case "configMapKeyRef" -> keyRef("ConfigMap", value, at, refs);
                case "envFrom" -> {
                    for (int i = 0; i < value.size(); i++) {
                        whole("Secret", value.get(i).path("secretRef"), "name", at + "[" + i + "].secretRef", refs);
                        whole("ConfigMap", value.get(i).path("configMapRef"), "name", at + "[" + i + "].configMapRef", refs);
                    }
                }
                case "secretTargetRef", "configMapTargetRef" -> {
                    for (int i = 0; i < value.size(); i++) {
                        String kind = field.getKey().startsWith("secret") ? "Secret" : "ConfigMap";
                        keyRef(kind, value.get(i), at + "[" + i + "]", refs);
                    }
                }
                case "volumes" -> {
                    for (int i = 0; i < value.size(); i++) {
                        volume(value.get(i), at + "[" + i + "]", refs);
                    }
                }
                default -> {
                }
            }
            walk(value, at, refs);
        }
    }

    private static void keyRef(String kind, JsonNode ref, String path, List<Ref> refs) {
        if (ref instanceof ObjectNode holder && holder.has("name")) {
            List<String> keys = holder.has("key") ? List.of(holder.path("key").asText()) : List.of();
            refs.add(new Ref(kind, holder, "name", keys, holder.path("optional").asBoolean(false), path));
        }
    }

    private static void whole(String kind, JsonNode ref, String field, String path, List<Ref> refs) {
        if (ref instanceof ObjectNode holder && holder.has(field)) {
            List<String> keys = new ArrayList<>();
            holder.path("items").forEach(item -> keys.add(item.path("key").asText()));
            refs.add(new Ref(kind, holder, field, keys, holder.path("optional").asBoolean(false), path));
        }
    }

    private static void volume(JsonNode volume, String path, List<Ref> refs) {
        whole("Secret", volume.path("secret"), "secretName", path + ".secret", refs);
        whole("ConfigMap", volume.path("configMap"), "name", path + ".configMap", refs);
        JsonNode sources = volume.path("projected").path("sources");
        for (int i = 0; i < sources.size(); i++) {
            String at = path + ".projected.sources[" + i + "]";
            whole("Secret", sources.get(i).path("secret"), "name", at + ".secret", refs);
            whole("ConfigMap", sources.get(i).path("configMap"), "name", at + ".configMap", refs);
        }
    }
}
