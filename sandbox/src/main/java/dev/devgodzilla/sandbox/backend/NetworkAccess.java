package dev.devgodzilla.sandbox.backend;

/** What network a launched command gets. */
public enum NetworkAccess {
    /** Own network namespace with only its loopback. */
    NONE,
    /** Own network namespace; a loopback bridge forwards to the egress proxy outside. */
    EGRESS_PROXY,
    /** The host's network. */
    HOST
}
