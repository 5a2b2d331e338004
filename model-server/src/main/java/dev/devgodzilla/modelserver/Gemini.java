package dev.devgodzilla.modelserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Gemini {@code streamGenerateContent?alt=sse}: data-only events of candidates with {@code usageMetadata}. */
final class Gemini implements WireFormat {

    @Override
    public void stream(Reply reply, SseWriter out) throws IOException {
        out.data(complete(reply));
    }

    @Override
    public ObjectNode complete(Reply reply) {
        ObjectNode body = Json.object();
        ObjectNode candidate = body.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content").put("role", "model");
        ObjectNode part = content.putArray("parts").addObject();
        switch (reply.turn()) {
            case Turn.Text text -> part.put("text", text.message());
            case Turn.ToolCall call -> {
                ObjectNode functionCall = part.putObject("functionCall").put("name", call.name());
                functionCall.set("args", Json.argumentsObject(call.arguments()));
            }
        }
        candidate.put("finishReason", "STOP").put("index", 0);
        body.putObject("usageMetadata")
                .put("promptTokenCount", reply.usage().inputTokens())
                .put("candidatesTokenCount", reply.usage().outputTokens())
                .put("totalTokenCount", reply.usage().totalTokens());
        body.put("modelVersion", reply.model()).put("responseId", Reply.id("resp"));
        return body;
    }
}
