package dev.devgodzilla.worker.messaging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The ids of the last few thousand records a broadcast consumer handled, so one read twice is handled once. */
final class SeenRecords {
    private static final int KEPT = 10_000;

    private final Set<String> ids = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > KEPT;
                }
            }));

    /** True the first time {@code id} is seen; a record without an id is always new. */
    boolean firstTime(String id) {
        return id == null || ids.add(id);
    }
}
