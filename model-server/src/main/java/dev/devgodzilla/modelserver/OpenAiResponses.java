package dev.devgodzilla.modelserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/**
 * OpenAI Responses: {@code response.created}, one output item (a message, a {@code function_call},
 * or a {@code custom_tool_call} when the request declares the tool as free-form), then
 * {@code response.completed} carrying usage.
 */
final class OpenAiResponses implements WireFormat {

    @Override
    public void stream(Reply reply, SseWriter out) throws IOException {
        String responseId = Reply.id("resp_");
        int[] sequence = {0};
        ObjectNode created = event("response.created", sequence);
        created.set("response", response(responseId, reply, "in_progress"));
        out.event("response.created", created);
        ObjectNode inProgress = event("response.in_progress", sequence);
        inProgress.set("response", response(responseId, reply, "in_progress"));
        out.event("response.in_progress", inProgress);

        ObjectNode item = item(reply);
        String itemId = item.get("id").asText();
        ObjectNode pending = item.deepCopy().put("status", "in_progress");
        switch (reply.turn()) {
            case Turn.Text text -> {
                pending.putArray("content");
                out.event("response.output_item.added", itemEvent("response.output_item.added", sequence, pending));
                ObjectNode partAdded = event("response.content_part.added", sequence).put("item_id", itemId)
                        .put("output_index", 0).put("content_index", 0);
                partAdded.set("part", textPart(""));
                out.event("response.content_part.added", partAdded);
                out.event("response.output_text.delta", event("response.output_text.delta", sequence)
                        .put("item_id", itemId).put("output_index", 0).put("content_index", 0)
                        .put("delta", text.message()));
                out.event("response.output_text.done", event("response.output_text.done", sequence)
                        .put("item_id", itemId).put("output_index", 0).put("content_index", 0)
                        .put("text", text.message()));
                ObjectNode partDone = event("response.content_part.done", sequence).put("item_id", itemId)
                        .put("output_index", 0).put("content_index", 0);
                partDone.set("part", textPart(text.message()));
                out.event("response.content_part.done", partDone);
            }
            case Turn.ToolCall call -> {
                boolean custom = isCustomTool(reply, call.name());
                String field = custom ? "input" : "arguments";
                String prefix = custom ? "response.custom_tool_call_input" : "response.function_call_arguments";
                pending.put(field, "");
                out.event("response.output_item.added", itemEvent("response.output_item.added", sequence, pending));
                out.event(prefix + ".delta", event(prefix + ".delta", sequence).put("item_id", itemId)
                        .put("output_index", 0).put("delta", call.arguments()));
                out.event(prefix + ".done", event(prefix + ".done", sequence).put("item_id", itemId)
                        .put("output_index", 0).put(field, call.arguments()));
            }
        }
        out.event("response.output_item.done", itemEvent("response.output_item.done", sequence, item));

        ObjectNode completed = event("response.completed", sequence);
        ObjectNode response = response(responseId, reply, "completed");
        response.putArray("output").add(item);
        response.set("usage", usage(reply));
        completed.set("response", response);
        out.event("response.completed", completed);
    }

    @Override
    public ObjectNode complete(Reply reply) {
        ObjectNode response = response(Reply.id("resp_"), reply, "completed");
        response.putArray("output").add(item(reply));
        response.set("usage", usage(reply));
        if (reply.turn() instanceof Turn.Text text) {
            response.put("output_text", text.message());
        }
        return response;
    }

    private static ObjectNode item(Reply reply) {
        return switch (reply.turn()) {
            case Turn.Text text -> {
                ObjectNode message = Json.object().put("id", Reply.id("msg_")).put("type", "message")
                        .put("status", "completed").put("role", "assistant");
                message.putArray("content").add(textPart(text.message()));
                yield message;
            }
            case Turn.ToolCall call -> isCustomTool(reply, call.name())
                    ? Json.object().put("id", Reply.id("ctc_")).put("type", "custom_tool_call")
                            .put("status", "completed").put("call_id", Reply.id("call_"))
                            .put("name", call.name()).put("input", call.arguments())
                    : Json.object().put("id", Reply.id("fc_")).put("type", "function_call")
                            .put("status", "completed").put("call_id", Reply.id("call_"))
                            .put("name", call.name()).put("arguments", call.arguments());
        };
    }

    /** Whether the request declares {@code name} as a free-form ({@code "type": "custom"}) tool. */
    private static boolean isCustomTool(Reply reply, String name) {
        return "custom".equals(RecordedRequest.tool(reply.request(), name).path("type").asText());
    }

    private static ObjectNode textPart(String text) {
        ObjectNode part = Json.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    private static ObjectNode response(String id, Reply reply, String status) {
        ObjectNode response = Json.object().put("id", id).put("object", "response")
                .put("created_at", Instant.now().getEpochSecond()).put("status", status)
                .put("model", reply.model());
        response.putArray("output");
        return response;
    }

    private static ObjectNode event(String type, int[] sequence) {
        return Json.object().put("type", type).put("sequence_number", sequence[0]++);
    }

    private static ObjectNode itemEvent(String type, int[] sequence, ObjectNode item) {
        ObjectNode event = event(type, sequence).put("output_index", 0);
        event.set("item", item);
        return event;
    }

    private static ObjectNode usage(Reply reply) {
        ObjectNode usage = Json.object().put("input_tokens", reply.usage().inputTokens())
                .put("output_tokens", reply.usage().outputTokens())
                .put("total_tokens", reply.usage().totalTokens());
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        return usage;
    }
}
