package dev.devgodzilla.registry.service;

import dev.devgodzilla.support.rest.ProblemException;

/**
 * A change of a versioned configuration that lost the race for its version: two requests read the same latest
 * version at once and both stored the next one; the second store is refused by the table's key (see
 * {@code SqlRows.duplicateKey}) and its caller is told to read again, as when its {@code If-Match} is out of date.
 */
final class ConcurrentChange {
    private ConcurrentChange() {
    }

    static ProblemException refused(String what) {
        return new ProblemException(412, "Changed at the same time", what + " was changed by another request at the"
                + " same time; read it again and apply your change to that version");
    }
}
