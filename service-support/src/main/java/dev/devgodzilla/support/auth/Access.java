package dev.devgodzilla.support.auth;

/** What a presented bearer token lets its holder do. */
public enum Access {
    /** No token, or one this service does not know. */
    NONE,
    /** Reads only. */
    READ,
    /** Everything. */
    WRITE;

    public boolean allows(boolean mutating) {
        return this == WRITE || (this == READ && !mutating);
    }
}
