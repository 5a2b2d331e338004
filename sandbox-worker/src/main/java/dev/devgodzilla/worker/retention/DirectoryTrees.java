package dev.devgodzilla.worker.retention;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sizes and removes directory trees an agent wrote, without following a link out of them (a link is
 * removed, never its target) and whatever permissions the agent left on its directories.
 */
final class DirectoryTrees {
    private DirectoryTrees() {
    }

    /** The bytes of the regular files under {@code dir}. */
    static long size(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        AtomicLong total = new AtomicLong();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total.addAndGet(attrs.size());
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return total.get();
    }

    /** When {@code dir} or anything directly in it, or in its direct subdirectories, last changed. */
    static FileTime lastChanged(Path dir) throws IOException {
        FileTime newest = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS);
        try (var children = Files.list(dir)) {
            for (Path child : children.toList()) {
                FileTime at = Files.getLastModifiedTime(child, LinkOption.NOFOLLOW_LINKS);
                newest = at.compareTo(newest) > 0 ? at : newest;
            }
        }
        return newest;
    }

    /** Removes {@code dir} and everything under it; returns the bytes of the files removed. */
    static long remove(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        AtomicLong freed = new AtomicLong();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                // an agent may have left a directory read-only: its entries could not be removed
                Set<PosixFilePermission> owner = EnumSet.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
                Set<PosixFilePermission> now = Files.getPosixFilePermissions(d, LinkOption.NOFOLLOW_LINKS);
                if (!now.containsAll(owner)) {
                    now.addAll(owner);
                    Files.setPosixFilePermissions(d, now);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    freed.addAndGet(attrs.size());
                }
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
        return freed.get();
    }
}
