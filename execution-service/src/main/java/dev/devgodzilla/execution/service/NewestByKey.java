package dev.devgodzilla.execution.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The newest version read of each key of a compacted topic: a record older than the one held is ignored, since
 * a topic is read again from its start at every start and a redelivery may come late.
 */
final class NewestByKey<T> {
    private final Map<String, T> byKey = new ConcurrentHashMap<>();
    private final ToLongFunction<T> version;

    NewestByKey(ToLongFunction<T> version) {
        this.version = version;
    }

    T get(String key) {
        return byKey.get(key);
    }

    /** Holds {@code value} unless a newer version is held; true when it changed what is held. */
    boolean update(String key, T value) {
        boolean[] changed = {false};
        byKey.compute(key, (k, known) -> {
            if (known != null && version.applyAsLong(known) > version.applyAsLong(value)) {
                return known;
            }
            changed[0] = known == null || version.applyAsLong(known) != version.applyAsLong(value);
            return value;
        });
        return changed[0];
    }
}
