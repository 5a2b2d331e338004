package dev.devgodzilla.execution.messaging;

/** A record that is readable but must not be processed; its message is the reason the DLQ records. */
public class RejectedMessageException extends RuntimeException {
    public RejectedMessageException(String reason) {
        super(reason, null, false, false);
    }
}
