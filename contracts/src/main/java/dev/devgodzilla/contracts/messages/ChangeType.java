package dev.devgodzilla.contracts.messages;

/** How a workspace file changed during an attempt. */
public enum ChangeType {
    ADDED, MODIFIED, DELETED
}
