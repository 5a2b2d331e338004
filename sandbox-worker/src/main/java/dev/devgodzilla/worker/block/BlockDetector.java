package dev.devgodzilla.worker.block;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.devgodzilla.contracts.messages.FeedbackAction;

/**
 * Finds output in which an agent says it cannot go on (it needs an answer, or the task is ambiguous or
 * impossible), and suggests what kind of feedback would unblock it.
 */
@ApplicationScoped
public class BlockDetector {
    /** An explicit sentinel an agent (or a prompt template) can print: {@code BLOCKED: <reason>}. */
    private static final Pattern SENTINEL = Pattern.compile("^\\s*BLOCKED:\\s*(.+)$", Pattern.MULTILINE);

    private static final List<Pattern> PHRASES = List.of(
            "cannot proceed without",
            "can't proceed without",
            "unable to proceed without",
            "need(?:s)? (?:some )?clarification",
            "need(?:s)? more information",
            "ambiguous requirements?",
            "requirements? (?:is|are) ambiguous",
            "missing information",
            "conflicting instructions",
            "conflicting requirements",
            "impossible to implement",
            "out of scope")
            .stream()
            .map(p -> Pattern.compile("\\b" + p + "\\b", Pattern.CASE_INSENSITIVE))
            .toList();

    private static final int CONTEXT_LINES = 3;
    private static final int MAX_REASON = 500;

    /** The first statement of being blocked in {@code output}, the sentinel taking precedence. */
    public Optional<BlockInfo> detect(String output) {
        if (output == null || output.isBlank()) {
            return Optional.empty();
        }
        Matcher sentinel = SENTINEL.matcher(output);
        if (sentinel.find()) {
            return Optional.of(new BlockInfo(clip(sentinel.group(1).strip()), around(output, sentinel.start())));
        }
        int best = -1;
        for (Pattern phrase : PHRASES) {
            Matcher m = phrase.matcher(output);
            if (m.find() && (best < 0 || m.start() < best)) {
                best = m.start();
            }
        }
        if (best < 0) {
            return Optional.empty();
        }
        return Optional.of(new BlockInfo(clip(lineAt(output, best)), around(output, best)));
    }

    /** What would unblock the step: an answer, a rewritten specification, or a changed plan. */
    public FeedbackAction classify(BlockInfo block) {
        String text = (block.reason() + "\n" + block.context()).toLowerCase(Locale.ROOT);
        String reason = block.reason().toLowerCase(Locale.ROOT);
        // The reason decides first; the context only when the reason itself names no kind.
        FeedbackAction byReason = kindOf(reason);
        if (byReason != null) {
            return byReason;
        }
        FeedbackAction byContext = kindOf(text);
        return byContext == null ? FeedbackAction.CLARIFY : byContext;
    }

    private static FeedbackAction kindOf(String text) {
        if (text.contains("impossible") || text.contains("out of scope") || text.contains("cannot be done")
                || text.contains("not feasible")) {
            return FeedbackAction.RE_PLAN;
        }
        if (text.contains("ambiguous") || text.contains("conflicting") || text.contains("contradict")) {
            return FeedbackAction.RE_SPECIFY;
        }
        if (text.contains("clarification") || text.contains("missing information") || text.contains("?")
                || text.contains("cannot proceed without") || text.contains("need more information")) {
            return FeedbackAction.CLARIFY;
        }
        return null;
    }

    private static String lineAt(String output, int index) {
        int start = output.lastIndexOf('\n', index - 1) + 1;
        int end = output.indexOf('\n', index);
        return output.substring(start, end < 0 ? output.length() : end).strip();
    }

    /** A few lines either side of {@code index}. */
    private static String around(String output, int index) {
        int start = index;
        for (int i = 0; i <= CONTEXT_LINES && start > 0; i++) {
            start = output.lastIndexOf('\n', start - 1);
            if (start < 0) {
                start = 0;
            }
        }
        int end = index;
        for (int i = 0; i <= CONTEXT_LINES && end >= 0 && end < output.length(); i++) {
            end = output.indexOf('\n', end + 1);
        }
        if (end < 0) {
            end = output.length();
        }
        return output.substring(start, end).strip();
    }

    private static String clip(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }
}
