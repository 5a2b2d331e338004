package dev.devgodzilla.worker.way.api;

/** A Jules API call that did not succeed, with what kind of failure it was. */
public class JulesApiException extends RuntimeException {

    /** Kinds of failure; {@link #retryable()} says whether the same request may succeed later. */
    public enum Kind {
        AUTH(false), NOT_FOUND(false), BAD_REQUEST(false), RATE_LIMITED(true), SERVER(true), TIMEOUT(true),
        TRANSPORT(true);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }
    }

    private final Kind kind;
    private final int status;

    public JulesApiException(Kind kind, int status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    public JulesApiException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = 0;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 when there was no response. */
    public int status() {
        return status;
    }

    public boolean retryable() {
        return kind.retryable;
    }

    static boolean isRetryable(Throwable failure) {
        return failure instanceof JulesApiException e && e.retryable();
    }
}
