package dev.devgodzilla.modelserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives each protocol with a plain HTTP client: a tool-call turn, then a text turn. */
class ScriptedModelServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Conversation WRITE_THEN_REPORT = Conversation.of(
            Turn.toolCall("write_file", "{\"file_path\":\"hello.txt\",\"content\":\"hi\"}"),
            Turn.text("Created hello.txt"));

    private final HttpClient http = HttpClient.newHttpClient();
    private ScriptedModelServer server;

    @BeforeEach
    void start() throws Exception {
        server = ScriptedModelServer.start().script(WRITE_THEN_REPORT);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anthropicMessagesStreamsToolUseThenText() throws Exception {
        String body = """
                {"model":"claude-x","stream":true,"messages":[{"role":"user","content":"go"}],
                 "tools":[{"name":"write_file","input_schema":{"type":"object"}}]}""";

        // first call: a tool_use block
        List<Sse> events = stream("/v1/messages?beta=true", body);
        assertThat(events).extracting(Sse::name).containsExactly("message_start", "content_block_start",
                "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(0).data().at("/message/usage/input_tokens").asInt()).isPositive();
        assertThat(events.get(1).data().at("/content_block/type").asText()).isEqualTo("tool_use");
        assertThat(events.get(1).data().at("/content_block/name").asText()).isEqualTo("write_file");
        JsonNode input = JSON.readTree(events.get(2).data().at("/delta/partial_json").asText());
        assertThat(input.get("content").asText()).isEqualTo("hi");
        assertThat(events.get(4).data().at("/delta/stop_reason").asText()).isEqualTo("tool_use");
        assertThat(events.get(4).data().at("/usage/output_tokens").asInt()).isPositive();

        // second call: the text turn
        events = stream("/v1/messages", body);
        assertThat(events).extracting(Sse::name).contains("ping");
        Sse delta = events.stream().filter(e -> e.name().equals("content_block_delta")).findFirst().orElseThrow();
        assertThat(delta.data().at("/delta/text").asText()).isEqualTo("Created hello.txt");
        assertThat(events.get(events.size() - 2).data().at("/delta/stop_reason").asText()).isEqualTo("end_turn");

        assertThat(server.scriptedCalls()).extracting(RecordedRequest::turnIndex).containsExactly(0, 1);
        assertThat(server.requests().get(0).query()).isEqualTo("beta=true");
        assertThat(server.requests().get(0).toolNames()).containsExactly("write_file");
    }

    @Test
    void openAiResponsesStreamsFunctionCallThenText() throws Exception {
        String body = """
                {"model":"gpt-x","stream":true,"input":[],
                 "tools":[{"type":"function","name":"write_file","parameters":{}}]}""";

        List<Sse> events = stream("/v1/responses", body);
        assertThat(events.get(0).name()).isEqualTo("response.created");
        assertThat(events).extracting(Sse::name).contains("response.output_item.added",
                "response.function_call_arguments.delta", "response.output_item.done");
        Sse done = named(events, "response.output_item.done");
        assertThat(done.data().at("/item/type").asText()).isEqualTo("function_call");
        assertThat(done.data().at("/item/name").asText()).isEqualTo("write_file");
        assertThat(done.data().at("/item/call_id").asText()).isNotBlank();
        Sse completed = events.get(events.size() - 1);
        assertThat(completed.name()).isEqualTo("response.completed");
        assertThat(completed.data().at("/response/usage/input_tokens").asInt()).isPositive();
        assertThat(completed.data().at("/response/usage/output_tokens").asInt()).isPositive();

        events = stream("/v1/responses", body);
        assertThat(named(events, "response.output_text.delta").data().get("delta").asText())
                .isEqualTo("Created hello.txt");
        assertThat(named(events, "response.output_item.done").data().at("/item/type").asText()).isEqualTo("message");
    }

    @Test
    void openAiResponsesAnswersFreeFormToolsWithCustomToolCall() throws Exception {
        server.script(Conversation.of(Turn.toolCall("apply_patch", "*** Begin Patch\n*** End Patch")));
        String body = """
                {"model":"gpt-x","stream":true,"input":[],"tools":[{"type":"custom","name":"apply_patch"}]}""";

        Sse done = named(stream("/v1/responses", body), "response.output_item.done");

        assertThat(done.data().at("/item/type").asText()).isEqualTo("custom_tool_call");
        assertThat(done.data().at("/item/input").asText()).startsWith("*** Begin Patch");
    }

    @Test
    void chatCompletionsStreamsToolCallsThenTextWithUsageChunk() throws Exception {
        String body = """
                {"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[],
                 "tools":[{"type":"function","function":{"name":"write_file","parameters":{}}}]}""";

        List<Sse> events = stream("/v1/chat/completions", body);
        assertThat(events.get(events.size() - 1).literal()).isEqualTo("[DONE]");
        JsonNode first = events.get(0).data();
        assertThat(first.at("/choices/0/delta/tool_calls/0/function/name").asText()).isEqualTo("write_file");
        assertThat(first.at("/choices/0/delta/tool_calls/0/id").asText()).startsWith("call_");
        assertThat(events.get(1).data().at("/choices/0/delta/tool_calls/0/function/arguments").asText())
                .contains("hello.txt");
        assertThat(events.get(2).data().at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        JsonNode usage = events.get(3).data();
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/prompt_tokens").asInt()).isPositive();
        assertThat(usage.at("/usage/completion_tokens").asInt()).isPositive();

        events = stream("/v1/chat/completions", body);
        assertThat(events.get(0).data().at("/choices/0/delta/content").asText()).isEqualTo("Created hello.txt");
        assertThat(events.get(1).data().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void geminiStreamsFunctionCallThenTextWithUsageMetadata() throws Exception {
        String body = """
                {"contents":[],"tools":[{"functionDeclarations":[{"name":"write_file"}]}]}""";
        String path = "/v1beta/models/gemini-x:streamGenerateContent?alt=sse";

        JsonNode chunk = stream(path, body).get(0).data();
        assertThat(chunk.at("/candidates/0/content/parts/0/functionCall/name").asText()).isEqualTo("write_file");
        assertThat(chunk.at("/candidates/0/content/parts/0/functionCall/args/content").asText()).isEqualTo("hi");
        assertThat(chunk.at("/usageMetadata/promptTokenCount").asInt()).isPositive();
        assertThat(chunk.at("/usageMetadata/candidatesTokenCount").asInt()).isPositive();
        assertThat(chunk.get("modelVersion").asText()).isEqualTo("gemini-x");

        chunk = stream(path, body).get(0).data();
        assertThat(chunk.at("/candidates/0/content/parts/0/text").asText()).isEqualTo("Created hello.txt");
        assertThat(chunk.at("/candidates/0/finishReason").asText()).isEqualTo("STOP");
    }

    @Test
    void callsWithoutToolsAreSideCallsAnsweredWithTheLastText() throws Exception {
        // a title request (no tools) neither consumes a turn nor gets the tool call
        JsonNode title = post("/v1/chat/completions", "{\"model\":\"m\",\"messages\":[]}");
        assertThat(title.at("/choices/0/message/content").asText()).isEqualTo("Created hello.txt");
        assertThat(server.requests().get(0).scripted()).isFalse();

        JsonNode scripted = post("/v1/chat/completions", "{\"model\":\"m\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"write_file\"}}]}");
        assertThat(scripted.at("/choices/0/message/tool_calls/0/function/name").asText()).isEqualTo("write_file");
        assertThat(scripted.at("/usage/total_tokens").asInt()).isPositive();
    }

    @Test
    void extraScriptedCallsKeepGettingTheLastTextTurn() {
        assertThat(WRITE_THEN_REPORT.turn(5)).isEqualTo(Turn.text("Created hello.txt"));
        assertThat(Conversation.fromJson("[{\"tool\":\"t\",\"arguments\":{\"a\":1}},{\"text\":\"x\"}]").turns())
                .containsExactly(Turn.toolCall("t", "{\"a\":1}"), Turn.text("x"));
    }

    @Test
    void sideRequestsGetHarmlessAnswers() throws Exception {
        HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(models.body()).at("/data/0/id").asText()).isNotBlank();
        assertThat(post("/v1/messages/count_tokens", "{\"messages\":[]}").get("input_tokens").asInt()).isPositive();
        assertThat(post("/v1beta/models/g:countTokens", "{}").get("totalTokens").asInt()).isPositive();
        assertThat(post("/api/event_logging/batch", "{}").isObject()).isTrue();
        assertThat(server.modelCalls()).isEmpty();
        assertThat(server.requests()).hasSize(4);
    }

    private record Sse(String name, JsonNode data, String literal) {
    }

    private static Sse named(List<Sse> events, String name) {
        return events.stream().filter(e -> name.equals(e.name())).findFirst().orElseThrow();
    }

    private JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> response = http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private List<Sse> stream(String path, String body) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response =
                http.send(request(path, body), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<Sse> events = new ArrayList<>();
        String name = null;
        for (String line : response.body().toList()) {
            if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                String data = line.substring(6);
                events.add(data.startsWith("{")
                        ? new Sse(name, JSON.readTree(data), null)
                        : new Sse(name, null, data));
                name = null;
            }
        }
        return events;
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
