package dev.devgodzilla.contracts.messages;

import java.util.UUID;

/** Ids of messages. */
public final class Ids {
    private Ids() {
    }

    public static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
