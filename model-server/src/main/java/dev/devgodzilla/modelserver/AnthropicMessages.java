package dev.devgodzilla.modelserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Anthropic Messages: {@code message_start}, content blocks, {@code message_delta} with usage, {@code message_stop}. */
final class AnthropicMessages implements WireFormat {

    @Override
    public void stream(Reply reply, SseWriter out) throws IOException {
        ObjectNode message = message(reply);
        message.putArray("content");
        message.putNull("stop_reason");
        ObjectNode startUsage = usage(reply.usage().inputTokens(), 1);
        message.set("usage", startUsage);
        ObjectNode start = Json.object().put("type", "message_start");
        start.set("message", message);
        out.event("message_start", start);

        switch (reply.turn()) {
            case Turn.Text text -> {
                ObjectNode block = Json.object().put("type", "text").put("text", "");
                out.event("content_block_start", blockStart(block));
                out.event("ping", Json.object().put("type", "ping"));
                ObjectNode delta = Json.object().put("type", "text_delta").put("text", text.message());
                out.event("content_block_delta", blockDelta(delta));
            }
            case Turn.ToolCall call -> {
                ObjectNode block = Json.object().put("type", "tool_use").put("id", Reply.id("toolu_"))
                        .put("name", call.name());
                block.putObject("input");
                out.event("content_block_start", blockStart(block));
                ObjectNode delta = Json.object().put("type", "input_json_delta")
                        .put("partial_json", Json.argumentsObject(call.arguments()).toString());
                out.event("content_block_delta", blockDelta(delta));
            }
        }
        out.event("content_block_stop", Json.object().put("type", "content_block_stop").put("index", 0));

        ObjectNode messageDelta = Json.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
        messageDelta.set("usage", usage(reply.usage().inputTokens(), reply.usage().outputTokens()));
        out.event("message_delta", messageDelta);
        out.event("message_stop", Json.object().put("type", "message_stop"));
    }

    @Override
    public ObjectNode complete(Reply reply) {
        ObjectNode message = message(reply);
        ObjectNode block = message.putArray("content").addObject();
        switch (reply.turn()) {
            case Turn.Text text -> block.put("type", "text").put("text", text.message());
            case Turn.ToolCall call -> {
                block.put("type", "tool_use").put("id", Reply.id("toolu_")).put("name", call.name());
                block.set("input", Json.argumentsObject(call.arguments()));
            }
        }
        message.put("stop_reason", stopReason(reply));
        message.set("usage", usage(reply.usage().inputTokens(), reply.usage().outputTokens()));
        return message;
    }

    private static ObjectNode message(Reply reply) {
        ObjectNode message = Json.object().put("id", Reply.id("msg_")).put("type", "message")
                .put("role", "assistant").put("model", reply.model());
        message.putNull("stop_sequence");
        return message;
    }

    private static String stopReason(Reply reply) {
        return reply.turn() instanceof Turn.ToolCall ? "tool_use" : "end_turn";
    }

    private static ObjectNode usage(int input, int output) {
        return Json.object().put("input_tokens", input).put("output_tokens", output)
                .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", 0);
    }

    private static ObjectNode blockStart(ObjectNode block) {
        ObjectNode start = Json.object().put("type", "content_block_start").put("index", 0);
        start.set("content_block", block);
        return start;
    }

    private static ObjectNode blockDelta(ObjectNode delta) {
        ObjectNode event = Json.object().put("type", "content_block_delta").put("index", 0);
        event.set("delta", delta);
        return event;
    }
}
