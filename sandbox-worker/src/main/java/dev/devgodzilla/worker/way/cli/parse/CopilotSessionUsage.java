package dev.devgodzilla.worker.way.cli.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.devgodzilla.contracts.messages.TokenUsage;

/**
 * Copilot's token counts, which only its session log has: {@code session-state/<id>/events.jsonl},
 * event {@code session.shutdown}, {@code data.modelMetrics.<model>.usage}.
 */
public final class CopilotSessionUsage {

    private CopilotSessionUsage() {
    }

    /** The usage of session {@code sessionId} under {@code copilotHome}; NONE when the log is not there. */
    public static TokenUsage read(Path copilotHome, String sessionId) {
        if (sessionId == null) {
            return TokenUsage.NONE;
        }
        Path log = copilotHome.resolve("session-state").resolve(sessionId).resolve("events.jsonl");
        if (!Files.isRegularFile(log)) {
            return TokenUsage.NONE;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            return TokenUsage.NONE;
        }
        long input = 0;
        long output = 0;
        long cached = 0;
        for (String line : lines) {
            JsonNode event = JsonLines.object(line).orElse(null);
            if (event == null || !"session.shutdown".equals(event.path("type").asText())) {
                continue;
            }
            // a session resumed several times has several shutdowns; the last one holds the totals
            input = 0;
            output = 0;
            cached = 0;
            for (JsonNode model : event.at("/data/modelMetrics")) {
                input += JsonLines.number(model, "/usage/inputTokens");
                output += JsonLines.number(model, "/usage/outputTokens");
                cached += JsonLines.number(model, "/usage/cacheReadTokens");
            }
        }
        return new TokenUsage(input, output, cached, null);
    }
}
