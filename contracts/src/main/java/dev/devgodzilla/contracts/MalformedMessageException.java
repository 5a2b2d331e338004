package dev.devgodzilla.contracts;

/** A record that cannot be read as the message its topic carries; it belongs in the topic's DLQ. */
public class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }
}
