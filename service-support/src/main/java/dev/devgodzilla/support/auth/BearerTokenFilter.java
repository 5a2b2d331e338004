package dev.devgodzilla.support.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.devgodzilla.support.rest.Problem;
import io.quarkus.runtime.StartupEvent;

/**
 * Asks every call of a service's REST API who is calling before anything else of the request is read: a
 * mutating call (anything but GET, HEAD and OPTIONS) needs a write token, a read needs any token when
 * {@code dg.auth.protect-reads} is on. Health, metrics and the other {@code /q} endpoints are not REST
 * resources and stay open.
 */
@Singleton
public class BearerTokenFilter {
    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    static final String CHALLENGE = "Bearer realm=\"devgodzilla\"";

    private final boolean enabled;
    private final boolean protectReads;
    private final ApiTokens tokens;

    /**
     * With no token configured every mutating call is refused, so a service started without configuration is
     * closed rather than open.
     *
     * @param enabled      {@code dg.auth.enabled}: off only on purpose; every call is then accepted
     * @param writeTokens  {@code dg.auth.tokens} (env {@code DG_AUTH_TOKENS}): may do everything
     * @param readTokens   {@code dg.auth.read-tokens}: may only read; a mutating call with one gets 403
     * @param protectReads {@code dg.auth.protect-reads}: whether reads need a token too
     */
    public BearerTokenFilter(@ConfigProperty(name = "dg.auth.enabled", defaultValue = "true") boolean enabled,
                             @ConfigProperty(name = "dg.auth.tokens") Optional<List<String>> writeTokens,
                             @ConfigProperty(name = "dg.auth.read-tokens") Optional<List<String>> readTokens,
                             @ConfigProperty(name = "dg.auth.protect-reads", defaultValue = "false")
                             boolean protectReads) {
        this.enabled = enabled;
        this.protectReads = protectReads;
        this.tokens = new ApiTokens(writeTokens.orElse(List.of()), readTokens.orElse(List.of()));
    }

    void announce(@Observes StartupEvent started) {
        if (!enabled) {
            LOG.warn("dg.auth.enabled=false: anyone who reaches this service's port may submit, cancel and configure");
        } else if (tokens.none()) {
            LOG.warn("no API token configured (dg.auth.tokens, env DG_AUTH_TOKENS): every mutating call is refused");
        }
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!enabled) {
            return Optional.empty();
        }
        boolean mutating = !READS.contains(request.getMethod());
        if (!mutating && !protectReads) {
            return Optional.empty();
        }
        Access access = tokens.accessOf(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (access.allows(mutating)) {
            return Optional.empty();
        }
        String path = request.getUriInfo().getPath();
        String call = request.getMethod() + " " + path;
        if (access == Access.READ) {
            return Optional.of(problem(403, "Forbidden",
                    call + " needs a token of dg.auth.tokens: the one sent may only read", path).build());
        }
        String detail = tokens.none()
                ? "this service has no API token configured (dg.auth.tokens, env DG_AUTH_TOKENS), so it refuses "
                        + call
                : call + " needs 'Authorization: Bearer <token>' with a token of dg.auth.tokens"
                        + " (the local stack's is in .dg/api-token; ./dg sends it)";
        return Optional.of(problem(401, "Unauthorized", detail, path)
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build());
    }

    private static Response.ResponseBuilder problem(int status, String title, String detail, String path) {
        return new Problem("about:blank", title, status, detail, path, null).response();
    }
}
