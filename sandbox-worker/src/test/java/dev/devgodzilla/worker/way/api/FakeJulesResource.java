package dev.devgodzilla.worker.way.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts a scripted Jules API for the worker under test and gives it the API key and fast polls. */
public class FakeJulesResource implements QuarkusTestResourceLifecycleManager {
    static final String API_KEY = "jules-test-key-7c3e91";
    private static volatile FakeJules fake;

    @Override
    public Map<String, String> start() {
        try {
            fake = new FakeJules();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "dg.worker.jules.base-url", fake.baseUrl(),
                "dg.worker.jules.poll-interval", "100ms",
                "dg.worker.jules.request-timeout", "2s",
                "dg.worker.jules.retry-backoff", "10ms",
                "dg.worker.jules.retry-max-backoff", "50ms",
                "dg.worker.jules.source", "sources/github/acme/shop",
                "dg.worker.credentials.jules.JULES_API_KEY", API_KEY);
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
            fake = null;
        }
    }

    static FakeJules fake() {
        return fake;
    }
}
