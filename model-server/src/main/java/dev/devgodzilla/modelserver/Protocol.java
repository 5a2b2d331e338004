package dev.devgodzilla.modelserver;

/** The wire protocol a recorded request was addressed to. */
public enum Protocol {
    /** Anthropic Messages, {@code POST /v1/messages}. */
    ANTHROPIC_MESSAGES,
    /** OpenAI Responses, {@code POST /v1/responses}. */
    OPENAI_RESPONSES,
    /** OpenAI Chat Completions, {@code POST /v1/chat/completions}. */
    OPENAI_CHAT,
    /** Gemini, {@code POST /v1beta/models/{model}:streamGenerateContent} and {@code :generateContent}. */
    GEMINI,
    /** Anything else: model lists, token counting, telemetry. */
    OTHER
}
