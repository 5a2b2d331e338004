package dev.devgodzilla.support.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Holds a running service's {@code /q/openapi} to its code: the document lists exactly the routes of the JAX-RS
 * resources the module compiled (every {@code @Path} class under {@code target/classes}, each method with an HTTP
 * method annotation), and every operation documents its {@code 4XX} and {@code 5XX} problem+json answers. A route
 * added without reaching the document, or a document that describes a route no longer there, fails.
 */
public final class OpenApiRoutes {

    private static final java.nio.file.Path CLASSES = java.nio.file.Path.of("target/classes");

    private OpenApiRoutes() {
    }

    /** Asks the service under test for its document and checks it against the module's resources. */
    public static void assertDocumentListsEveryRoute() {
        JsonPath document = given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = document.getMap("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(k -> !"parameters".equals(k))
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
        Set<String> routes = routes();
        assertThat(routes).as("the module's JAX-RS routes").isNotEmpty();
        assertThat(documented).as("the routes of /q/openapi").containsExactlyInAnyOrderElementsOf(routes);
        for (String route : documented) {
            String[] parts = route.split(" ", 2);
            String responses = "paths.'" + parts[1] + "'." + parts[0].toLowerCase() + ".responses.";
            for (String status : new String[] {"4XX", "5XX"}) {
                assertThat(document.getString(responses + "'" + status + "'.content.'" + Problem.MEDIA_TYPE
                        + "'.schema.'$ref'")).as("%s answers %s with a problem", route, status)
                        .isEqualTo("#/components/schemas/" + ProblemResponses.SCHEMA);
            }
        }
        assertThat(document.getString("components.schemas." + ProblemResponses.SCHEMA + ".properties.detail.type"))
                .isEqualTo("string");
    }

    /** "GET /steps/{stepId}" for every resource method the module compiled. */
    static Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        for (Class<?> resource : resources()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                String verb = httpMethod(method);
                if (verb != null) {
                    Path sub = method.getAnnotation(Path.class);
                    routes.add(verb + " " + join(base, sub == null ? "" : sub.value()));
                }
            }
        }
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** Joined as the document spells paths: one slash between parts, none at the end, no parameter regex. */
    static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/").replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static Set<Class<?>> resources() {
        Set<Class<?>> resources = new LinkedHashSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(CLASSES)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiRoutes.class.getClassLoader());
                if (type.isAnnotationPresent(Path.class)) {
                    resources.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return resources;
    }
}
