package dev.devgodzilla.worker.block;

/**
 * Why an agent said it could not go on.
 *
 * @param reason  the matched statement, e.g. the line saying what is missing
 * @param context the output around it, for the person who answers
 */
public record BlockInfo(String reason, String context) {
}
