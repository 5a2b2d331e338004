package dev.devgodzilla.modelserver;

/** Token counts reported for one model call. */
public record Usage(int inputTokens, int outputTokens) {

    public int totalTokens() {
        return inputTokens + outputTokens;
    }

    /** A rough estimate (four characters a token), never zero. */
    static Usage estimate(String requestBody, String answer) {
        return new Usage(Math.max(1, requestBody.length() / 4), Math.max(1, answer.length() / 4 + 1));
    }
}
