package dev.devgodzilla.registry.rest;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import dev.devgodzilla.support.rest.ProblemException;

/** The {@code ETag} and {@code If-Match} of versioned configuration: {@code "v<version>"}. */
final class VersionTags {
    private VersionTags() {
    }

    static Response tagged(Object body, long version) {
        return Response.ok(body).tag(tag(version)).build();
    }

    static Response created(java.net.URI location, Object body, long version) {
        return Response.created(location).entity(body).tag(tag(version)).build();
    }

    private static EntityTag tag(long version) {
        return new EntityTag("v" + version);
    }

    /** The version an {@code If-Match} names ({@code "v3"}, or {@code *} for any), null for none. */
    static Long expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        if (tag.startsWith("v")) {
            try {
                return Long.parseLong(tag.substring(1));
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw new ProblemException(400, "Invalid If-Match", "If-Match must be an ETag of this resource such as "
                + "\"v3\", got " + ifMatch);
    }
}
