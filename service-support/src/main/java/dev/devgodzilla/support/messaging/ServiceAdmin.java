package dev.devgodzilla.support.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** A Kafka admin client with a service's own {@code kafka.*} settings (servers, security). */
public final class ServiceAdmin {
    private ServiceAdmin() {
    }

    /**
     * An admin client from {@code kafka} (the service's {@code default-kafka-broker} settings), limited to what
     * an admin client knows, answering within {@code timeoutMs}.
     */
    public static Admin create(Map<String, Object> kafka, String clientId, int timeoutMs) {
        Set<String> known = AdminClientConfig.configNames();
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (known.contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return Admin.create(config);
    }
}
