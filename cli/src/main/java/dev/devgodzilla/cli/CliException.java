package dev.devgodzilla.cli;

/** An error worth one clear line to the user instead of a stack trace. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
