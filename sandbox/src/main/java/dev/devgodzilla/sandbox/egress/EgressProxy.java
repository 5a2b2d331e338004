package dev.devgodzilla.sandbox.egress;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;


import org.jboss.logging.Logger;

/**
 * A small HTTP proxy for one sandbox, running outside it and listening on a Unix socket in the sandbox's private
 * directory (the sandbox reaches it through a loopback bridge, having no network of its own). It lets through
 * {@code CONNECT host:port} and absolute-URI HTTP requests to allow-listed hosts and answers everything else
 * with 403, logging the step id and the denied host. Each connection runs on a virtual thread.
 *
 * <p>What a sandbox can make it hold is bounded: at most {@value #MAX_CONNECTIONS} connections at once (more
 * are closed as they arrive), a request header of at most {@value #MAX_HEADER_BYTES} bytes that must arrive
 * within {@link #HEADER_TIMEOUT}, and at most {@value #MAX_DENIAL_RECORDS} denial records (later denials are
 * still counted per host).
 */
public final class EgressProxy implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EgressProxy.class);
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_CONNECTIONS = 64;
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_DENIAL_RECORDS = 200;
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    /** Closes connections whose header is late; one daemon thread for every proxy of the JVM. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "egress-header-deadlines");
        t.setDaemon(true);
        return t;
    });

    private final Path socketPath;
    private final EgressAllowList allowList;
    private final String stepId;
    private final Consumer<DeniedRequest> onDenied;
    private final ServerSocketChannel server;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final List<DeniedRequest> denied = new CopyOnWriteArrayList<>();
    private final Map<String, DenialCount> denialCounts = new LinkedHashMap<>();
    private final Semaphore slots;
    private final Duration headerTimeout;
    private final Thread acceptor;
    private volatile boolean closed;

    private EgressProxy(Path socketPath, EgressAllowList allowList, String stepId, Consumer<DeniedRequest> onDenied,
                        int maxConnections, Duration headerTimeout) throws IOException {
        this.slots = new Semaphore(maxConnections);
        this.headerTimeout = headerTimeout;
        this.socketPath = socketPath;
        this.allowList = allowList;
        this.stepId = stepId;
        this.onDenied = onDenied;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        this.acceptor = Thread.ofVirtual().name("egress-proxy-" + stepId).start(this::acceptLoop);
    }

    /**
     * Starts a proxy listening on {@code socketPath}.
     *
     * @param onDenied called for every refused request (may be null)
     */
    public static EgressProxy start(Path socketPath, EgressAllowList allowList, String stepId,
                                    Consumer<DeniedRequest> onDenied) throws IOException {
        return start(socketPath, allowList, stepId, onDenied, MAX_CONNECTIONS, HEADER_TIMEOUT);
    }

    static EgressProxy start(Path socketPath, EgressAllowList allowList, String stepId,
                             Consumer<DeniedRequest> onDenied, int maxConnections, Duration headerTimeout)
            throws IOException {
        return new EgressProxy(socketPath, allowList, stepId, onDenied == null ? d -> { } : onDenied, maxConnections,
                headerTimeout);
    }

    public Path socketPath() {
        return socketPath;
    }

    /** Requests refused so far, oldest first; the first {@value #MAX_DENIAL_RECORDS} of them. */
    public List<DeniedRequest> deniedRequests() {
        return List.copyOf(denied);
    }

    /** Connections held now, client and upstream sides. */
    int openConnections() {
        return open.size();
    }

    /** Every refused host so far with how often, e.g. {@code www.example.com:443 ×3 (not on the allow-list)}. */
    public synchronized List<String> denialSummary() {
        return denialCounts.entrySet().stream()
                .map(e -> e.getKey() + " ×" + e.getValue().count + " (" + e.getValue().reason + ")").toList();
    }

    /** How often one host was refused, and why the first time. */
    private static final class DenialCount {
        final String reason;
        int count;

        DenialCount(String reason) {
            this.reason = reason;
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                if (!slots.tryAcquire()) {
                    // a sandbox that opens connections without end gets no buffers for them
                    LOG.debugf("Egress proxy for step %s: %d connections open, closing a new one", stepId,
                            open.size());
                    closeQuietly(client);
                    continue;
                }
                open.add(client);
                Thread.ofVirtual().name("egress-conn-" + stepId).start(() -> {
                    try {
                        serve(client);
                    } finally {
                        open.remove(client);
                        slots.release();
                    }
                });
            } catch (IOException e) {
                if (!closed) {
                    LOG.warnf(e, "Egress proxy for step %s stopped accepting", stepId);
                }
                return;
            }
        }
    }

    private void serve(SocketChannel client) {
        SocketChannel upstream = null;
        try {
            ByteBuffer head = ByteBuffer.allocate(MAX_HEADER_BYTES);
            ScheduledFuture<?> late = DEADLINES.schedule(() -> closeQuietly(client), headerTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            int headerEnd;
            try {
                headerEnd = readHeader(client, head);
            } finally {
                late.cancel(false);
            }
            if (headerEnd < 0) {
                respond(client, 400, "Bad Request");
                return;
            }
            String header = new String(head.array(), 0, headerEnd, StandardCharsets.ISO_8859_1);
            byte[] rest = java.util.Arrays.copyOfRange(head.array(), headerEnd, head.position());
            String[] lines = header.split("\r\n");
            String[] request = lines[0].split(" ");
            if (request.length != 3) {
                respond(client, 400, "Bad Request");
                return;
            }
            boolean connect = request[0].equalsIgnoreCase("CONNECT");
            Target target = connect ? Target.ofAuthority(request[1]) : Target.ofUri(request[1]);
            if (target == null) {
                respond(client, 400, "Bad Request");
                return;
            }
            Optional<InetAddress> address = authorize(target);
            if (address.isEmpty()) {
                respond(client, 403, "Forbidden");
                return;
            }
            upstream = SocketChannel.open();
            open.add(upstream);
            try {
                upstream.socket().connect(new InetSocketAddress(address.get(), target.port()), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                LOG.debugf("Egress for step %s: %s unreachable: %s", stepId, target, e.getMessage());
                respond(client, 502, "Bad Gateway");
                return;
            }
            if (connect) {
                writeAll(client, "HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                writeAll(upstream, originForm(request, target, lines).getBytes(StandardCharsets.ISO_8859_1));
            }
            if (rest.length > 0) {
                writeAll(upstream, rest);
            }
            SocketChannel up = upstream;
            Thread back = Thread.ofVirtual().start(() -> pump(up, client));
            pump(client, up);
            back.join();
        } catch (IOException e) {
            LOG.debugf("Egress connection for step %s ended: %s", stepId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            if (upstream != null) {
                open.remove(upstream);
                closeQuietly(upstream);
            }
        }
    }

    /** Decides on a target; returns the address to connect to, resolved once so a later DNS answer cannot differ. */
    private Optional<InetAddress> authorize(Target target) {
        Optional<HostPattern> match = allowList.match(target.host(), target.port());
        if (match.isEmpty()) {
            deny(target, "not on the allow-list");
            return Optional.empty();
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(target.host());
        } catch (UnknownHostException e) {
            deny(target, "unknown host");
            return Optional.empty();
        }
        // An allowed name must not lead to the host's own services, private networks or the metadata endpoint.
        if (AddressRanges.isInternal(address) && !match.get().namesAddressExplicitly()) {
            deny(target, "resolves to internal address " + address.getHostAddress());
            return Optional.empty();
        }
        return Optional.of(address);
    }

    private void deny(Target target, String reason) {
        LOG.warnf("Egress denied for step %s: %s:%d (%s)", stepId, target.host(), target.port(), reason);
        DeniedRequest d = new DeniedRequest(stepId, target.host(), target.port(), reason, Instant.now());
        synchronized (this) {
            if (denied.size() < MAX_DENIAL_RECORDS) {
                denied.add(d);
            }
            String key = target.host() + ":" + target.port();
            DenialCount count = denialCounts.get(key);
            if (count == null && denialCounts.size() < MAX_DENIAL_RECORDS) {
                count = new DenialCount(reason);
                denialCounts.put(key, count);
            }
            if (count != null) {
                count.count++;
            }
        }
        try {
            onDenied.accept(d);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Denial listener failed");
        }
    }

    private static String originForm(String[] request, Target target, String[] lines) {
        StringBuilder out = new StringBuilder();
        out.append(request[0]).append(' ').append(target.path()).append(' ').append(request[2]).append("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String lower = lines[i].toLowerCase(Locale.ROOT);
            if (lower.startsWith("proxy-") || lower.startsWith("connection:") || lower.startsWith("keep-alive:")) {
                continue;
            }
            out.append(lines[i]).append("\r\n");
        }
        // One request per connection: a second request on a kept-alive connection would skip the host check.
        out.append("Connection: close\r\n\r\n");
        return out.toString();
    }

    /** Reads until the blank line ending the header; returns the index after it, or -1. */
    private static int readHeader(SocketChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                return -1;
            }
            byte[] a = buf.array();
            for (int i = 3; i < buf.position(); i++) {
                if (a[i - 3] == '\r' && a[i - 2] == '\n' && a[i - 1] == '\r' && a[i] == '\n') {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    to.write(buf);
                }
                buf.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // the other side went away; closing both ends in serve() finishes the exchange
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    private static void respond(SocketChannel client, int code, String text) throws IOException {
        String body = code + " " + text + "\n";
        writeAll(client, ("HTTP/1.1 " + code + " " + text + "\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeAll(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }

    /** Stops listening, cuts all open connections and removes the socket file. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        for (SocketChannel ch : new ArrayList<>(open)) {
            closeQuietly(ch);
        }
        open.clear();
        acceptor.interrupt();
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            LOG.debugf("Could not delete %s: %s", socketPath, e.getMessage());
        }
    }

    /** Where a request wants to go. */
    record Target(String host, int port, String path) {

        static Target ofAuthority(String authority) {
            try {
                URI uri = new URI("//" + authority);
                if (uri.getHost() == null || uri.getPort() < 1) {
                    return null;
                }
                return new Target(stripBrackets(uri.getHost()), uri.getPort(), "");
            } catch (java.net.URISyntaxException e) {
                return null;
            }
        }

        static Target ofUri(String text) {
            try {
                URI uri = new URI(text);
                if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    return null;
                }
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                if (uri.getRawQuery() != null) {
                    path += "?" + uri.getRawQuery();
                }
                return new Target(stripBrackets(uri.getHost()), uri.getPort() < 0 ? 80 : uri.getPort(), path);
            } catch (java.net.URISyntaxException e) {
                return null;
            }
        }

        private static String stripBrackets(String host) {
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
