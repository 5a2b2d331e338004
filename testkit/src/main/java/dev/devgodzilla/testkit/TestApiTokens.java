package dev.devgodzilla.testkit;

/**
 * The API tokens the services accept under the test profile ({@code %test.dg.auth.*} in each service's
 * {@code application.properties}) and that the end-to-end stack hands its services.
 */
public final class TestApiTokens {
    /** May do everything. */
    public static final String OPERATOR = "test-operator-token";
    /** May only read. */
    public static final String READER = "test-reader-token";

    private TestApiTokens() {
    }
}
