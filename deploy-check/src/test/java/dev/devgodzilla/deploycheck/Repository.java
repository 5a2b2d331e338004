package dev.devgodzilla.deploycheck;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root, found from the working directory (the module's, under Maven). */
final class Repository {

    static final Path ROOT = find();

    private Repository() {
    }

    /** A path relative to the root, with forward slashes, as error messages name files. */
    static String relative(Path file) {
        return ROOT.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/k8s/kustomization.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no deploy/k8s/kustomization.yaml above " + Path.of("").toAbsolutePath());
    }
}
