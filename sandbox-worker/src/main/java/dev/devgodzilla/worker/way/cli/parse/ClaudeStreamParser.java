package dev.devgodzilla.worker.way.cli.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.devgodzilla.contracts.messages.TokenUsage;

/**
 * Claude Code's {@code stream-json}, also spoken by Qwen, CodeBuddy, Qoder, Amp and Cursor: a
 * {@code system/init} event with the session id, assistant and user messages, and a final {@code result}
 * with the answer, usage, cost, {@code is_error} and {@code permission_denials}.
 */
public final class ClaudeStreamParser implements StreamParser {
    private String sessionId;
    private String lastAssistantText;
    private JsonNode result;
    /** Per assistant message id, its usage: a message comes in several events, each with the same usage. */
    private final Map<String, TokenUsage> messageUsage = new LinkedHashMap<>();

    @Override
    public void accept(String line) {
        JsonLines.object(line).ifPresent(this::event);
    }

    private void event(JsonNode event) {
        String type = event.path("type").asText();
        String session = JsonLines.text(event, "/session_id");
        if (session != null && sessionId == null) {
            sessionId = session;
        }
        switch (type) {
            case "assistant" -> {
                JsonNode message = event.path("message");
                if (message.has("usage")) {
                    messageUsage.put(message.path("id").asText(String.valueOf(messageUsage.size())), new TokenUsage(
                            JsonLines.number(message, "/usage/input_tokens"),
                            JsonLines.number(message, "/usage/output_tokens"),
                            JsonLines.number(message, "/usage/cache_read_input_tokens"), null));
                }
                String text = assistantText(event.at("/message/content"));
                if (text != null) {
                    lastAssistantText = text;
                }
            }
            case "result" -> {
                result = event;
                if (session != null) {
                    sessionId = session;
                }
            }
            default -> {
                // system, user, stream_event and vendor extras carry nothing the result needs
            }
        }
    }

    /** The text blocks of an assistant message; Cursor sends a plain string instead of blocks. */
    private static String assistantText(JsonNode content) {
        if (content.isTextual()) {
            return content.asText().isBlank() ? null : content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText());
            }
        }
        return text.isEmpty() ? null : text.toString();
    }

    /** The result's totals once it came; until then the usage of the assistant messages so far, summed. */
    @Override
    public TokenUsage usageSoFar() {
        if (result != null) {
            return result().usage();
        }
        long input = 0;
        long output = 0;
        long cached = 0;
        for (TokenUsage usage : messageUsage.values()) {
            input += usage.inputTokens();
            output += usage.outputTokens();
            cached += usage.cachedInputTokens();
        }
        return new TokenUsage(input, output, cached, null);
    }

    @Override
    public AgentResult result() {
        if (result == null) {
            // some speakers of the format end without a result event; the last answer is still the answer
            // (or were stopped before it): what their messages reported is what was spent
            return new AgentResult(lastAssistantText, usageSoFar(), sessionId, List.of(), List.of(), false);
        }
        List<String> denials = new ArrayList<>();
        for (JsonNode denial : result.path("permission_denials")) {
            String tool = JsonLines.text(denial, "/tool_name");
            denials.add(tool != null ? tool : denial.toString());
        }
        String finalMessage = JsonLines.text(result, "/result");
        if (finalMessage == null) {
            finalMessage = lastAssistantText;
        }
        String subtype = result.path("subtype").asText("success");
        // a failed API call still arrives as subtype success with is_error true
        boolean isError = result.path("is_error").asBoolean(false) || !"success".equals(subtype);
        List<String> errors = new ArrayList<>();
        if (isError) {
            errors.add(!"success".equals(subtype) ? subtype + (finalMessage == null ? "" : ": " + finalMessage)
                    : (finalMessage == null ? "the agent reported an error" : finalMessage));
        }
        // a denial that left the agent without an answer stopped the run
        if (!denials.isEmpty() && finalMessage == null) {
            isError = true;
        }
        TokenUsage usage = new TokenUsage(
                JsonLines.number(result, "/usage/input_tokens"),
                JsonLines.number(result, "/usage/output_tokens"),
                JsonLines.number(result, "/usage/cache_read_input_tokens"),
                JsonLines.decimal(result, "/total_cost_usd"));
        return new AgentResult(finalMessage, usage, sessionId, denials, errors, isError);
    }
}
