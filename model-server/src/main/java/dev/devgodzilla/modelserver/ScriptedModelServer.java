package dev.devgodzilla.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * A model server on 127.0.0.1 that answers coding-agent CLIs from a {@link Conversation}.
 *
 * <p>It speaks Anthropic Messages, OpenAI Responses, OpenAI Chat Completions and Gemini, streamed
 * as server-sent events (or as one JSON body when the client does not ask for a stream), always
 * with token usage. A model call that offers tools is a <em>scripted</em> call: the n-th one is
 * answered with the n-th turn. A model call without tools (title generation, summaries, topic
 * checks) is a side call and gets the conversation's last text turn without consuming a turn.
 * Model lists, token counting and telemetry get small harmless answers. Every request is recorded.
 */
public final class ScriptedModelServer implements AutoCloseable {

    private static final Map<Protocol, WireFormat> FORMATS = Map.of(
            Protocol.ANTHROPIC_MESSAGES, new AnthropicMessages(),
            Protocol.OPENAI_RESPONSES, new OpenAiResponses(),
            Protocol.OPENAI_CHAT, new OpenAiChat(),
            Protocol.GEMINI, new Gemini());

    private final HttpServer http;
    private final ExecutorService executor;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private Conversation conversation = Conversation.of(Turn.text("Done."));
    private int nextTurn;
    /** What every model call reports it used; null: an estimate from the call's size. */
    private Usage reportedUsage;

    private ScriptedModelServer(int port) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
    }

    /** Starts a server on a random free port of 127.0.0.1. */
    public static ScriptedModelServer start() throws IOException {
        return new ScriptedModelServer(0);
    }

    /** Starts a server on the given port of 127.0.0.1 (0 for a random one). */
    public static ScriptedModelServer start(int port) throws IOException {
        return new ScriptedModelServer(port);
    }

    /**
     * Makes every model call from now on report {@code usage} (null: back to an estimate from the call's size),
     * e.g. a large usage to drive a run over its budget.
     */
    public synchronized ScriptedModelServer reportUsage(Usage usage) {
        reportedUsage = usage;
        return this;
    }

    /** Replaces the script and forgets earlier requests; the next scripted call gets the first turn. */
    public synchronized ScriptedModelServer script(Conversation next) {
        conversation = next;
        nextTurn = 0;
        requests.clear();
        return this;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}, without a path. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** Every request received since the last {@link #script}, in arrival order. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests that asked a model for an answer (scripted and side calls). */
    public synchronized List<RecordedRequest> modelCalls() {
        return requests.stream().filter(RecordedRequest::isModelCall).toList();
    }

    /** The model calls that consumed a turn of the script. */
    public synchronized List<RecordedRequest> scriptedCalls() {
        return requests.stream().filter(RecordedRequest::scripted).toList();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            String method = exchange.getRequestMethod();
            String body = readBody(exchange);
            Protocol protocol = "POST".equals(method) ? protocolOf(path) : Protocol.OTHER;
            JsonNode json = parse(body);

            Turn turn;
            RecordedRequest recorded;
            Usage usage;
            synchronized (this) {
                usage = reportedUsage;
                boolean scripted = protocol != Protocol.OTHER && !RecordedRequest.toolNames(json).isEmpty();
                int index = scripted ? nextTurn++ : -1;
                turn = protocol == Protocol.OTHER ? null
                        : scripted ? conversation.turn(index) : conversation.lastText();
                recorded = new RecordedRequest(method, path, query, headers(exchange), body, protocol, scripted, index);
                requests.add(recorded);
            }

            if (protocol == Protocol.OTHER) {
                sendJson(exchange, sideAnswer(path, body));
                return;
            }
            Reply reply = new Reply(turn, modelOf(path, json),
                    usage != null ? usage : Usage.estimate(body, Reply.answerText(turn)), json);
            WireFormat format = FORMATS.get(protocol);
            if (wantsStream(protocol, path, json)) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-cache");
                exchange.sendResponseHeaders(200, 0);
                format.stream(reply, new SseWriter(exchange.getResponseBody()));
            } else {
                sendJson(exchange, format.complete(reply));
            }
        } catch (IOException e) {
            // the client went away mid-answer; nothing to do
        }
    }

    static Protocol protocolOf(String path) {
        if (path.endsWith("/messages")) {
            return Protocol.ANTHROPIC_MESSAGES;
        }
        if (path.endsWith("/responses")) {
            return Protocol.OPENAI_RESPONSES;
        }
        if (path.endsWith("/chat/completions")) {
            return Protocol.OPENAI_CHAT;
        }
        if (path.endsWith(":streamGenerateContent") || path.endsWith(":generateContent")) {
            return Protocol.GEMINI;
        }
        return Protocol.OTHER;
    }

    private static boolean wantsStream(Protocol protocol, String path, JsonNode json) {
        return protocol == Protocol.GEMINI
                ? path.endsWith(":streamGenerateContent")
                : json.path("stream").asBoolean(false);
    }

    private static String modelOf(String path, JsonNode json) {
        if (json.hasNonNull("model")) {
            return json.get("model").asText();
        }
        int models = path.indexOf("/models/");
        int colon = path.lastIndexOf(':');
        if (models >= 0 && colon > models) {
            return path.substring(models + "/models/".length(), colon);
        }
        return "scripted-model";
    }

    /** Harmless answers for the requests around the model calls. */
    private static ObjectNode sideAnswer(String path, String body) {
        if (path.endsWith("/count_tokens")) {
            return Json.object().put("input_tokens", Math.max(1, body.length() / 4));
        }
        if (path.endsWith(":countTokens")) {
            return Json.object().put("totalTokens", Math.max(1, body.length() / 4));
        }
        if (path.endsWith("/models")) {
            ObjectNode list = Json.object().put("object", "list").put("has_more", false);
            list.putArray("data").addObject().put("id", "scripted-model").put("object", "model")
                    .put("type", "model").put("display_name", "Scripted model").put("created", 0)
                    .put("owned_by", "scripted");
            list.putArray("models");
            return list;
        }
        return Json.object();
    }

    private static void sendJson(HttpExchange exchange, JsonNode json) throws IOException {
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String encoding = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Encoding")).toLowerCase(Locale.ROOT);
        InputStream decoded = switch (encoding) {
            case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(raw));
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(raw));
            default -> null;
        };
        if (decoded == null) {
            return new String(raw, StandardCharsets.UTF_8);
        }
        try (decoded) {
            return new String(decoded.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        return headers;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = body.isBlank() ? null : Json.MAPPER.readTree(body);
            return node == null ? Json.object() : node;
        } catch (IOException e) {
            return Json.object();
        }
    }

    /**
     * Runs the server standalone: {@code ScriptedModelServer <port> <conversation.json> [dump-dir]}.
     * The conversation file is a JSON array of {@code {"tool": name, "arguments": {...}}} and
     * {@code {"text": message}} objects; each request is written to the dump directory as JSON.
     */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Conversation script = Conversation.fromJson(Files.readString(Path.of(args[1])));
        Path dump = args.length > 2 ? Path.of(args[2]) : null;
        ScriptedModelServer server = start(port).script(script);
        System.out.println(server.baseUrl());
        int written = 0;
        while (true) {
            Thread.sleep(200);
            List<RecordedRequest> seen = server.requests();
            for (; dump != null && written < seen.size(); written++) {
                RecordedRequest request = seen.get(written);
                ObjectNode entry = Json.object().put("method", request.method()).put("path", request.path())
                        .put("query", request.query()).put("protocol", request.protocol().name())
                        .put("scripted", request.scripted()).put("turnIndex", request.turnIndex());
                entry.set("headers", Json.MAPPER.valueToTree(request.headers()));
                JsonNode parsed = request.json();
                if (parsed.isMissingNode()) {
                    entry.put("body", request.body());
                } else {
                    entry.set("body", parsed);
                }
                Files.createDirectories(dump);
                Files.writeString(dump.resolve(String.format("%03d.json", written)), entry.toPrettyString());
            }
        }
    }
}
