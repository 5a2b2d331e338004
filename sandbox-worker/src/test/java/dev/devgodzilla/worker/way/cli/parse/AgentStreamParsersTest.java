package dev.devgodzilla.worker.way.cli.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.devgodzilla.worker.block.BlockDetector;

/**
 * Every parser on real streams recorded from the CLIs (claude, codex, opencode, kilo, gemini, qwen,
 * copilot, codebuddy) and on small streams shaped like the documented formats of the others.
 */
class AgentStreamParsersTest {
    private static final String WROTE = "Created hello.txt";
    private static final String CLARIFY = "I need clarification on the database schema before I can continue.";

    @Test
    void claudeWrite() {
        AgentResult r = parse(new ClaudeStreamParser(), "claude/write.jsonl");
        assertThat(r.finalMessage()).isEqualTo(WROTE);
        assertThat(r.sessionId()).isEqualTo("cc0b856b-a108-4dc0-a6c1-f72a627218d3");
        assertThat(r.usage().inputTokens()).isEqualTo(43783);
        assertThat(r.usage().outputTokens()).isEqualTo(34);
        assertThat(r.usage().costUsd()).isCloseTo(0.131859, within(1e-9));
        assertThat(r.isError()).isFalse();
        assertThat(r.permissionDenials()).isEmpty();
    }

    @Test
    void claudeClarifyIsDetectedAsBlocked() {
        AgentResult r = parse(new ClaudeStreamParser(), "claude/clarify.jsonl");
        assertThat(r.finalMessage()).isEqualTo(CLARIFY);
        assertBlockedForClarification(r);
    }

    @Test
    void qwenUsesClaudesEnvelopeWithoutCost() {
        AgentResult r = parse(new ClaudeStreamParser(), "qwen/write.jsonl");
        assertThat(r.finalMessage()).isEqualTo(WROTE);
        assertThat(r.sessionId()).isEqualTo("a4b8cdae-405e-4e69-8253-1bb5a8f8583a");
        assertThat(r.usage().inputTokens()).isEqualTo(38170);
        assertThat(r.usage().outputTokens()).isEqualTo(35);
        assertThat(r.usage().costUsd()).isNull();
        assertBlockedForClarification(parse(new ClaudeStreamParser(), "qwen/clarify.jsonl"));
    }

    @Test
    void codebuddyUsesClaudesEnvelope() {
        AgentResult r = parse(new ClaudeStreamParser(), "codebuddy/write.jsonl");
        assertThat(r.finalMessage()).isEqualTo(WROTE);
        assertThat(r.sessionId()).isEqualTo("217f0990-3e57-4eb1-8fed-ad158eb69350");
        assertThat(r.usage().inputTokens()).isEqualTo(49767);
        assertThat(r.usage().costUsd()).isZero();
        assertBlockedForClarification(parse(new ClaudeStreamParser(), "codebuddy/clarify.jsonl"));
    }

    @Test
    void codexSumsTurnsAndTakesTheLastAgentMessage() {
        AgentResult r = parse(new CodexJsonParser(), "codex/write.jsonl");
        assertThat(r.finalMessage()).isEqualTo(WROTE);
        assertThat(r.sessionId()).isEqualTo("01a20e07-adae-7de3-8c3d-d5368623a695");
        assertThat(r.usage().inputTokens()).isEqualTo(19887);
        assertThat(r.usage().outputTokens()).isEqualTo(38);
        assertThat(r.usage().costUsd()).isNull();
        // the "model metadata not found" error item is a notice, not a failure
        assertThat(r.isError()).isFalse();
        AgentResult clarify = parse(new CodexJsonParser(), "codex/clarify.jsonl");
        assertThat(clarify.usage().inputTokens()).isEqualTo(9871);
        assertBlockedForClarification(clarify);
    }

    @Test
    void codexFailedFileChangeAndFailedTurnAreErrorsDespiteExitZero() {
        AgentResult r = parse(new CodexJsonParser(), "codex/failed.jsonl");
        assertThat(r.isError()).isTrue();
        assertThat(r.errors()).hasSize(2);
        assertThat(r.errors().get(0)).contains("file change failed", "hello.txt");
        assertThat(r.errors().get(1)).contains("turn failed", "429");
        assertThat(r.usage().inputTokens()).isEqualTo(1000);
        assertThat(r.usage().cachedInputTokens()).isEqualTo(200);
    }

    @Test
    void openCodeSumsEveryStep() {
        AgentResult r = parse(new OpenCodeJsonParser(), "opencode/write.jsonl");
        assertThat(r.finalMessage()).isEqualTo(WROTE);
        assertThat(r.sessionId()).isEqualTo("ses_df1f84b6cffep1RagaKVLx3Zhd");
        assertThat(r.usage().inputTokens()).isEqualTo(7701 + 7794);
        assertThat(r.usage().outputTokens()).isEqualTo(30 + 5);
        assertThat(r.usage().costUsd()).isZero();
        assertBlockedForClarification(parse(new OpenCodeJsonParser(), "opencode/clarify.jsonl"));
    }

    @Test
    void kiloStreamsLikeOpenCode() {
        AgentResult r = parse(new OpenCodeJsonParser(), "kilo/write.jsonl");
        assertThat(r.finalMessage()).isEqualTo(WROTE);
        assertThat(r.sessionId()).isEqualTo("ses_df1f839daffe1iLn3Bj5hzJXwr");
        assertThat(r.usage().inputTokens()).isEqualTo(12664 + 12755);
        assertThat(r.usage().outputTokens()).isEqualTo(28 + 5);
        assertBlockedForClarification(parse(new OpenCodeJsonParser(), "kilo/clarify.jsonl"));
    }

    @Test
    void openCodeErrorEventIsAnError() {
        OpenCodeJsonParser parser = new OpenCodeJsonParser();
        parser.accept("{\"type\":\"error\",\"sessionID\":\"ses_1\",\"error\":{\"name\":\"APIError\","
                + "\"data\":{\"message\":\"model not found\"}}}");
        AgentResult r = parser.result();
        assertThat(r.isError()).isTrue();
        assertThat(r.errorSummary()).isEqualTo("model not found");
    }

    @Test
    void geminiAnswerIsTheTextAfterTheLastToolEvent() {
        AgentResult r = parse(new GeminiStreamParser(), "gemini/write.jsonl");
        assertThat(r.finalMessage()).isEqualTo(WROTE);
        assertThat(r.sessionId()).isEqualTo("1bc7f0a2-8356-4a67-ba91-5cc5582f5b81");
        assertThat(r.usage().inputTokens()).isEqualTo(23681);
        assertThat(r.usage().outputTokens()).isEqualTo(36);
        assertThat(r.usage().costUsd()).isNull();
        AgentResult clarify = parse(new GeminiStreamParser(), "gemini/clarify.jsonl");
        assertThat(clarify.sessionId()).isEqualTo("3bf669e5-eb97-4cec-86fb-bb477ddef794");
        assertThat(clarify.usage().inputTokens()).isEqualTo(11769);
        assertBlockedForClarification(clarify);
    }

    @Test
    void copilotAnswerFromStdoutAndTokensFromItsSessionLog() throws URISyntaxException {
        AgentResult r = parse(new CopilotJsonParser(), "copilot/write.jsonl");
        assertThat(r.finalMessage()).isEqualTo(WROTE);
        assertThat(r.sessionId()).isEqualTo("04c32ba2-557d-4e6a-aba3-3cfd875703b8");
        assertThat(r.usage()).isEqualTo(dev.devgodzilla.contracts.messages.TokenUsage.NONE);
        Path home = Path.of(getClass().getClassLoader().getResource("agent-streams/copilot").toURI());
        var usage = CopilotSessionUsage.read(home, r.sessionId());
        assertThat(usage.inputTokens()).isEqualTo(10240);
        assertThat(usage.outputTokens()).isEqualTo(36);
        assertThat(usage.cachedInputTokens()).isEqualTo(128);
        assertThat(CopilotSessionUsage.read(home, "no-such-session").inputTokens()).isZero();
        assertBlockedForClarification(parse(new CopilotJsonParser(), "copilot/clarify.jsonl"));
    }

    @Test
    void cursorStreamJson() {
        AgentResult r = parse(new ClaudeStreamParser(), "cursor/write.jsonl");
        assertThat(r.finalMessage()).isEqualTo(WROTE);
        assertThat(r.sessionId()).isEqualTo("c6b62c6f-7ead-4fd6-9922-e952131177ff");
        assertThat(r.isError()).isFalse();
    }

    @Test
    void ampStreamJson() {
        AgentResult r = parse(new ClaudeStreamParser(), "amp/write.jsonl");
        assertThat(r.finalMessage()).isEqualTo(WROTE);
        assertThat(r.sessionId()).isEqualTo("T-5928a90d-d53b-488f-a829-4e36442142ee");
        assertThat(r.usage().inputTokens()).isEqualTo(2500);
        assertThat(r.usage().cachedInputTokens()).isEqualTo(300);
    }

    @Test
    void qoderClarifyAndDenial() {
        AgentResult clarify = parse(new ClaudeStreamParser(), "qoder/clarify.jsonl");
        assertThat(clarify.usage().costUsd()).isCloseTo(0.0123, within(1e-9));
        assertBlockedForClarification(clarify);
        AgentResult denied = parse(new ClaudeStreamParser(), "qoder/denied.jsonl");
        assertThat(denied.isError()).isTrue();
        assertThat(denied.permissionDenials()).containsExactly("Write");
        assertThat(denied.errorSummary()).contains("error_during_execution");
    }

    @Test
    void claudeApiErrorReportedAsSuccessIsStillAnError() {
        ClaudeStreamParser parser = new ClaudeStreamParser();
        parser.accept("{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,"
                + "\"result\":\"API Error: 500 internal\",\"session_id\":\"s1\"}");
        AgentResult r = parser.result();
        assertThat(r.isError()).isTrue();
        assertThat(r.errorSummary()).isEqualTo("API Error: 500 internal");
    }

    @Test
    void auggieJsonDocumentOverSeveralLines() {
        AgentResult r = parse(new AuggieJsonParser(), "auggie/write.json");
        assertThat(r.finalMessage()).isEqualTo(WROTE);
        assertThat(r.sessionId()).isEqualTo("a0c9d8e7-6b5a-4c3d-9e8f-7a6b5c4d3e2f");
        assertThat(r.usage().outputTokens()).isEqualTo(52);
        AuggieJsonParser text = new AuggieJsonParser();
        text.accept("Done: created hello.txt");
        assertThat(text.result().finalMessage()).isEqualTo("Done: created hello.txt");
    }

    @Test
    void kiroPlainTextWithColourCodes() {
        AgentResult r = parse(new PlainTextParser(), "q/clarify.txt");
        assertThat(r.finalMessage()).doesNotContain("\u001B").endsWith("the legacy MySQL instance or the new Postgres one?");
        assertBlockedForClarification(r);
    }

    @Test
    void shaiPlainTextKeepsTheLastLines() {
        AgentResult r = parse(new PlainTextParser(3), "shai/write.txt");
        assertThat(r.finalMessage()).isEqualTo("The file hello.txt was created.\nIt contains: hello from shai");
        assertThat(new BlockDetector().detect(r.finalMessage())).isEmpty();
    }

    private static void assertBlockedForClarification(AgentResult r) {
        BlockDetector detector = new BlockDetector();
        var block = detector.detect(r.finalMessage());
        assertThat(block).as("final message %s", r.finalMessage()).isPresent();
        assertThat(detector.classify(block.get())).isEqualTo(dev.devgodzilla.contracts.messages.FeedbackAction.CLARIFY);
        assertThat(r.isError()).isFalse();
    }

    private static AgentResult parse(StreamParser parser, String resource) {
        try (InputStream in = AgentStreamParsersTest.class.getClassLoader()
                .getResourceAsStream("agent-streams/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(parser::accept);
            return parser.result();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
