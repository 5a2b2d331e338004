package dev.devgodzilla.modelserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/**
 * OpenAI Chat Completions: {@code chat.completion.chunk} deltas (text or {@code tool_calls}), a
 * finish chunk, a usage chunk with empty {@code choices}, then {@code [DONE]}.
 */
final class OpenAiChat implements WireFormat {

    @Override
    public void stream(Reply reply, SseWriter out) throws IOException {
        String id = Reply.id("chatcmpl-");
        ObjectNode first = chunk(id, reply);
        ObjectNode delta = first.withArray("choices").addObject().put("index", 0);
        ObjectNode deltaBody = delta.putObject("delta").put("role", "assistant");
        delta.putNull("finish_reason");
        switch (reply.turn()) {
            case Turn.Text text -> deltaBody.put("content", text.message());
            case Turn.ToolCall call -> {
                deltaBody.putNull("content");
                ObjectNode toolCall = deltaBody.putArray("tool_calls").addObject()
                        .put("index", 0).put("id", Reply.id("call_")).put("type", "function");
                toolCall.putObject("function").put("name", call.name()).put("arguments", "");
                out.data(first);
                ObjectNode args = chunk(id, reply);
                ObjectNode argsChoice = args.withArray("choices").addObject().put("index", 0);
                argsChoice.putObject("delta").putArray("tool_calls").addObject().put("index", 0)
                        .putObject("function").put("arguments", call.arguments());
                argsChoice.putNull("finish_reason");
                first = args;
            }
        }
        out.data(first);

        ObjectNode finish = chunk(id, reply);
        finish.withArray("choices").addObject().put("index", 0).put("finish_reason", finishReason(reply))
                .putObject("delta");
        out.data(finish);

        ObjectNode usage = chunk(id, reply);
        usage.putArray("choices");
        usage.set("usage", usage(reply));
        out.data(usage);
        out.data("[DONE]");
    }

    @Override
    public ObjectNode complete(Reply reply) {
        ObjectNode body = Json.object().put("id", Reply.id("chatcmpl-")).put("object", "chat.completion")
                .put("created", Instant.now().getEpochSecond()).put("model", reply.model());
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0)
                .put("finish_reason", finishReason(reply));
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        switch (reply.turn()) {
            case Turn.Text text -> message.put("content", text.message());
            case Turn.ToolCall call -> {
                message.putNull("content");
                message.putArray("tool_calls").addObject().put("id", Reply.id("call_")).put("type", "function")
                        .putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        body.set("usage", usage(reply));
        return body;
    }

    private static ObjectNode chunk(String id, Reply reply) {
        return Json.object().put("id", id).put("object", "chat.completion.chunk")
                .put("created", Instant.now().getEpochSecond()).put("model", reply.model());
    }

    private static String finishReason(Reply reply) {
        return reply.turn() instanceof Turn.ToolCall ? "tool_calls" : "stop";
    }

    private static ObjectNode usage(Reply reply) {
        ObjectNode usage = Json.object().put("prompt_tokens", reply.usage().inputTokens())
                .put("completion_tokens", reply.usage().outputTokens())
                .put("total_tokens", reply.usage().totalTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        return usage;
    }
}
