package dev.devgodzilla.worker.workspace;

import java.util.Locale;
import java.util.Set;

import dev.devgodzilla.contracts.messages.ArtifactKind;

/** Tells what a workspace file is from its path: test, code, documentation, log or other. */
public final class FileKinds {
    private static final Set<String> CODE = Set.of("java", "kt", "kts", "scala", "groovy", "py", "js", "jsx",
            "ts", "tsx", "mjs", "cjs", "go", "rs", "c", "h", "cc", "cpp", "hpp", "cs", "rb", "php", "swift",
            "m", "sh", "bash", "zsh", "sql", "html", "css", "scss", "vue", "svelte", "dart", "lua", "r", "pl",
            "ex", "exs", "erl", "clj", "fs", "xml", "gradle", "json", "yaml", "yml", "toml", "properties");
    private static final Set<String> DOC = Set.of("md", "markdown", "rst", "adoc", "txt", "org", "pdf", "tex");
    private static final Set<String> DIFF = Set.of("diff", "patch");

    private FileKinds() {
    }

    public static ArtifactKind of(String path) {
        String normalized = path.replace('\\', '/');
        String lower = normalized.toLowerCase(Locale.ROOT);
        String name = lower.substring(lower.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        if (ext.equals("log") || name.endsWith(".log.txt")) {
            return ArtifactKind.LOG;
        }
        if (DIFF.contains(ext)) {
            return ArtifactKind.DIFF;
        }
        if (CODE.contains(ext) && isTest(normalized)) {
            return ArtifactKind.TEST;
        }
        if (DOC.contains(ext) || name.startsWith("readme") || name.startsWith("changelog")) {
            return ArtifactKind.DOC;
        }
        if (CODE.contains(ext) || name.equals("makefile") || name.equals("dockerfile")) {
            return ArtifactKind.CODE;
        }
        return ArtifactKind.OTHER;
    }

    private static boolean isTest(String path) {
        String lowerPath = "/" + path.toLowerCase(Locale.ROOT);
        if (lowerPath.contains("/test/") || lowerPath.contains("/tests/") || lowerPath.contains("/__tests__/")
                || lowerPath.contains("/spec/")) {
            return true;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        String lowerName = name.toLowerCase(Locale.ROOT);
        // Naming conventions: FooTest, FooTests, FooIT (JVM), test_foo / foo_test (Python, Go), foo.test.ts.
        return stem.endsWith("Test") || stem.endsWith("Tests") || stem.endsWith("IT")
                || stem.toLowerCase(Locale.ROOT).startsWith("test_") || stem.toLowerCase(Locale.ROOT).endsWith("_test")
                || lowerName.contains(".test.") || lowerName.contains(".spec.");
    }
}
