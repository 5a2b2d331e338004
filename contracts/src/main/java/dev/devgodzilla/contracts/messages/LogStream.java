package dev.devgodzilla.contracts.messages;

/** Which output stream a log chunk came from. */
public enum LogStream {
    STDOUT, STDERR, SYSTEM
}
