package dev.devgodzilla.contracts.messages;

/** The kinds of {@link StepEvent}; the wire name is the {@code type} field of the JSON. */
public enum StepEventType {
    STARTED("started"),
    COMPLETED("completed"),
    FAILED("failed"),
    BLOCKED("blocked"),
    PENDING("pending"),
    PICKED_UP("picked-up");

    private final String wireName;

    StepEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
