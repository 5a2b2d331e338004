package dev.devgodzilla.deploycheck;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One object of a rendering.
 *
 * @param source the file it comes from, relative to the repository root (a generator names its kustomization)
 * @param body the object as it would be applied
 */
record Manifest(String source, ObjectNode body) {

    String apiVersion() {
        return body.path("apiVersion").asText("");
    }

    /** The API group, "" for the core group (apiVersion v1). */
    String group() {
        String apiVersion = apiVersion();
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    String kind() {
        return body.path("kind").asText("");
    }

    String name() {
        return body.path("metadata").path("name").asText("");
    }

    String namespace() {
        return body.path("metadata").path("namespace").asText("");
    }

    /** kind/name, the way kubectl names an object. */
    String id() {
        return kind() + "/" + name();
    }

    /** Where an error is: the file and the object. */
    String where() {
        return source + " " + id();
    }

    ObjectNode metadata() {
        return body.withObjectProperty("metadata");
    }

    /** An independent copy, to break in a test without touching the rendering. */
    Manifest copy() {
        return new Manifest(source, body.deepCopy());
    }
}
