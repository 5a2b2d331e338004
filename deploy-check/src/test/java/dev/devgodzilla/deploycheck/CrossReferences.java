package dev.devgodzilla.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a schema cannot check: that the objects a rendering names exist in it. A Pod whose Secret, ConfigMap or key is
 * missing never starts; a Strimzi resource whose {@code strimzi.io/cluster} names no Kafka is never reconciled; a KEDA
 * ScaledObject without its target or its TriggerAuthentication scales nothing.
 */
final class CrossReferences {

    private static final String CLUSTER_LABEL = "strimzi.io/cluster";
    private static final Set<String> CLUSTER_LABELLED = Set.of("KafkaTopic", "KafkaUser", "KafkaNodePool");
    private static final Set<String> CA_KEYS = Set.of("ca.crt", "ca.p12", "ca.password");

    private CrossReferences() {
    }

    /**
     * The Secrets no manifest declares because an operator writes them at run time, by namespace/name, with the keys
     * each holds. Each rule names the operator and how it names the Secret.
     */
    static Map<String, Set<String>> externalSecrets(List<Manifest> rendering) {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (Manifest m : rendering) {
            if (!m.group().equals("kafka.strimzi.io")) {
                continue;
            }
            String prefix = m.namespace() + "/" + m.name();
            switch (m.kind()) {
                // the User Operator writes the credentials of each KafkaUser it authenticates to a Secret named
                // after the user (none for tls-external or no authentication)
                case "KafkaUser" -> {
                    switch (m.body().path("spec").path("authentication").path("type").asText()) {
                        case "scram-sha-512" -> secrets.put(prefix, Set.of("password", "sasl.jaas.config"));
                        case "tls" -> secrets.put(prefix, Set.of("ca.crt", "user.crt", "user.key", "user.p12", "user.password"));
                        default -> {
                        }
                    }
                }
                // the Cluster Operator writes the CA certificates that brokers and clients are signed with
                case "Kafka" -> {
                    secrets.put(prefix + "-cluster-ca-cert", CA_KEYS);
                    secrets.put(prefix + "-clients-ca-cert", CA_KEYS);
                }
                default -> {
                }
            }
        }
        return secrets;
    }

    /** Every dangling reference of the rendering, each naming the file, the object and the JSON path. */
    static List<String> check(List<Manifest> rendering) {
        Map<String, Manifest> byId = new HashMap<>();
        rendering.forEach(m -> byId.put(m.kind() + " " + m.namespace() + "/" + m.name(), m));
        Map<String, Set<String>> external = externalSecrets(rendering);
        List<String> errors = new ArrayList<>();
        for (Manifest m : rendering) {
            for (References.Ref ref : References.of(m)) {
                if (ref.optional()) {
                    continue;
                }
                Manifest target = byId.get(ref.kind() + " " + m.namespace() + "/" + ref.name());
                Set<String> keys;
                String what;
                if (target != null) {
                    keys = keys(target);
                    what = ref.kind() + " " + ref.name() + " (" + target.source() + ")";
                } else if (ref.kind().equals("Secret") && external.containsKey(m.namespace() + "/" + ref.name())) {
                    keys = external.get(m.namespace() + "/" + ref.name());
                    what = "Secret " + ref.name() + " (written by the Strimzi operator)";
                } else {
                    errors.add(m.where() + " " + ref.path() + "." + ref.field() + ": " + ref.kind() + " " + ref.name()
                            + " is not in the rendering, nor written by an operator");
                    continue;
                }
                for (String key : ref.keys()) {
                    if (!keys.contains(key)) {
                        errors.add(m.where() + " " + ref.path() + ": " + what + " has no key " + key);
                    }
                }
            }
            if (m.group().equals("kafka.strimzi.io") && CLUSTER_LABELLED.contains(m.kind())) {
                String cluster = m.body().path("metadata").path("labels").path(CLUSTER_LABEL).asText("");
                if (!byId.containsKey("Kafka " + m.namespace() + "/" + cluster)) {
                    errors.add(m.where() + " $.metadata.labels['" + CLUSTER_LABEL + "']: "
                            + (cluster.isEmpty() ? "missing" : "no Kafka " + cluster + " in the rendering")
                            + "; Strimzi reconciles the object only for the Kafka it names");
                }
            }
            if (m.group().equals("keda.sh") && m.kind().equals("ScaledObject")) {
                JsonNode spec = m.body().path("spec");
                JsonNode target = spec.path("scaleTargetRef");
                requireObject(byId, m, "$.spec.scaleTargetRef.name", target.path("kind").asText("Deployment"),
                        target.path("name").asText(), errors);
                JsonNode triggers = spec.path("triggers");
                for (int i = 0; i < triggers.size(); i++) {
                    JsonNode auth = triggers.get(i).path("authenticationRef");
                    if (auth.has("name")) {
                        requireObject(byId, m, "$.spec.triggers[" + i + "].authenticationRef.name",
                                auth.path("kind").asText("TriggerAuthentication"), auth.path("name").asText(), errors);
                    }
                }
            }
        }
        return errors;
    }

    private static void requireObject(Map<String, Manifest> byId, Manifest m, String path, String kind, String name,
            List<String> errors) {
        // a ClusterTriggerAuthentication is cluster-scoped: no namespace
        String namespace = kind.startsWith("Cluster") ? "" : m.namespace();
        if (!byId.containsKey(kind + " " + namespace + "/" + name)) {
            errors.add(m.where() + " " + path + ": no " + kind + " " + name + " in the rendering");
        }
    }

    private static Set<String> keys(Manifest target) {
        Set<String> keys = new HashSet<>();
        for (String field : List.of("data", "stringData", "binaryData")) {
            target.body().path(field).fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }
}
