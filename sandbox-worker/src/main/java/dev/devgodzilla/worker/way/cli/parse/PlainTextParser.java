package dev.devgodzilla.worker.way.cli.parse;

import dev.devgodzilla.contracts.messages.TokenUsage;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * For agents that print only text (SHAI, Kiro): the last non-empty lines are the answer. Blank lines
 * inside the last paragraph block are kept; only a bounded number of lines is held.
 */
public final class PlainTextParser implements StreamParser {
    private final int keepLines;
    private final Deque<String> lines = new ArrayDeque<>();

    public PlainTextParser(int keepLines) {
        this.keepLines = keepLines;
    }

    public PlainTextParser() {
        this(20);
    }

    @Override
    public void accept(String line) {
        // terminal colour codes would end up in the answer
        String clean = line.replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "");
        lines.addLast(clean);
        while (lines.size() > keepLines) {
            lines.removeFirst();
        }
    }

    /** Plain text reports no usage. */
    @Override
    public TokenUsage usageSoFar() {
        return TokenUsage.NONE;
    }

    @Override
    public AgentResult result() {
        String text = String.join("\n", lines).strip();
        return AgentResult.ofMessage(text.isEmpty() ? null : text);
    }
}
