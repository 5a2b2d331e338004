package dev.devgodzilla.worker.way.ide;

/** Escapes text for TOML basic strings ({@code "..."}) and multi-line basic strings ({@code """..."""}). */
final class TomlText {
    private TomlText() {
    }

    /** A one-line basic string, quotes included. */
    static String basic(String text) {
        return "\"" + escape(text, false) + "\"";
    }

    /**
     * A multi-line basic string, quotes included. The opening newline is trimmed by TOML, so the text
     * starts on its own line; every quote is escaped, so no run of three can end the string early.
     */
    static String multiLine(String text) {
        return "\"\"\"\n" + escape(text, true) + "\"\"\"";
    }

    private static String escape(String text, boolean keepNewlines) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append(keepNewlines ? "\n" : "\\n");
                case '\t' -> out.append(keepNewlines ? "\t" : "\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    // TOML forbids raw control characters other than tab (and newline in multi-line strings).
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
