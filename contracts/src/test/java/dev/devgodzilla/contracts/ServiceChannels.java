package dev.devgodzilla.contracts;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Kafka channels one service's configuration declares (service-support's shared channels, then its own
 * {@code application.properties}): the topics it reads and writes (a channel's {@code topic}/{@code topics}, else
 * its name), the DLQs its incoming channels write to, and its consumer groups. Topics given by a placeholder (the
 * worker's job topics) are left out: they are the agents' job topics.
 */
record ServiceChannels(String service, Path file, Set<String> reads, Set<String> writes, Set<String> deadLetters,
        Set<String> groups) {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.connector");

    private static final Path SHARED =
            ROOT.resolve("service-support/src/main/resources/META-INF/microprofile-config.properties");
    private static final String APPLICATION_NAME = "${quarkus.application.name}";

    /** Every service: each module with an {@code application.properties} of its own. */
    static List<ServiceChannels> all() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.map(module -> module.resolve("src/main/resources/application.properties"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .map(ServiceChannels::of)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> topics() {
        Set<String> all = new TreeSet<>(reads);
        all.addAll(writes);
        all.addAll(deadLetters);
        return all;
    }

    private static ServiceChannels of(Path file) {
        Properties properties = new Properties();
        load(SHARED, properties);
        load(file, properties);
        String name = properties.getProperty("quarkus.application.name", ROOT.relativize(file).getName(0).toString());
        Set<String> reads = new TreeSet<>();
        Set<String> writes = new TreeSet<>();
        Set<String> deadLetters = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            Matcher channel = CHANNEL.matcher(key);
            if (!channel.matches() || !"smallrye-kafka".equals(properties.getProperty(key))) {
                continue;
            }
            boolean incoming = channel.group(1).equals("incoming");
            String prefix = "mp.messaging." + channel.group(1) + "." + channel.group(2) + ".";
            String topic = properties.getProperty(prefix + "topic", properties.getProperty(prefix + "topics",
                    channel.group(2)));
            if (!topic.startsWith("${")) {
                (incoming ? reads : writes).add(topic);
            }
            if ("dead-letter-queue".equals(properties.getProperty(prefix + "failure-strategy"))) {
                String dlq = properties.getProperty(prefix + "dead-letter-queue.topic");
                if (dlq == null) {
                    throw new IllegalStateException(file + ": " + prefix + " has no dead-letter-queue.topic");
                }
                deadLetters.add(dlq);
            }
            String group = properties.getProperty(prefix + "group.id");
            if (incoming && group != null) {
                groups.add(group.replace(APPLICATION_NAME, name));
            }
        }
        return new ServiceChannels(name, file, reads, writes, deadLetters, groups);
    }

    private static void load(Path file, Properties into) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            into.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
