package dev.devgodzilla.sandbox.egress;

import static org.assertj.core.api.Assertions.assertThat;


import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a sandbox can make its egress proxy hold is bounded, and internal addresses stay out of reach. */
class EgressProxyBoundsTest {
    @TempDir
    Path dir;

    @Test
    void thousandsOfHalfSentConnectsNeitherExhaustTheProxyNorKeepItFromAnsweringLater() throws Exception {
        Path socket = dir.resolve("egress.sock");
        List<SocketChannel> clients = new ArrayList<>();
        try (EgressProxy proxy = EgressProxy.start(socket, EgressAllowList.parse(List.of()), "step-flood", null,
                EgressProxy.MAX_CONNECTIONS, Duration.ofSeconds(1))) {
            long heapBefore = usedHeap();
            // 5,000 connections that start a CONNECT and never finish its header, as many at once as this
            // process may hold files
            int atOnce = (int) Math.min(5_000, maxOpenFiles() / 2 - 200);
            for (int i = 0; i < 5_000; i++) {
                SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
                client.connect(UnixDomainSocketAddress.of(socket));
                clients.add(client);
                try {
                    client.write(ByteBuffer.wrap("CONNECT example.com:443 HTTP/1.1\r\nHost: exa"
                            .getBytes(StandardCharsets.US_ASCII)));
                } catch (IOException closedByTheProxy) {
                    // over the limit: the proxy closed it as it arrived
                }
                if (clients.size() >= atOnce) {
                    closeAll(clients);
                }
            }
            // the proxy held at most its limit of them, each with a bounded buffer, and closed the rest
            assertThat(usedHeap() - heapBefore).isLessThan(256L * 1024 * 1024);
            assertThat(proxyConnections(proxy)).isLessThanOrEqualTo(EgressProxy.MAX_CONNECTIONS);

            // once the late headers have timed out, a complete request is answered again
            Thread.sleep(1_500);
            assertThat(request(socket, "CONNECT blocked.example:443 HTTP/1.1\r\nHost: blocked.example:443\r\n\r\n"))
                    .startsWith("HTTP/1.1 403");
            assertThat(proxy.denialSummary()).containsExactly("blocked.example:443 ×1 (not on the allow-list)");
        } finally {
            closeAll(clients);
        }
    }

    @Test
    void denialsAreCountedPerHostAndTheirRecordsBounded() throws Exception {
        Path socket = dir.resolve("egress.sock");
        try (EgressProxy proxy = EgressProxy.start(socket, EgressAllowList.parse(List.of()), "step-denials", null)) {
            for (int i = 0; i < EgressProxy.MAX_DENIAL_RECORDS + 50; i++) {
                request(socket, "CONNECT host-" + (i % 3) + ".example:443 HTTP/1.1\r\n\r\n");
            }

            assertThat(proxy.deniedRequests()).hasSize(EgressProxy.MAX_DENIAL_RECORDS);
            // 250 denials over three hosts: every one counted, the records kept bounded
            assertThat(proxy.denialSummary()).hasSize(3)
                    .allMatch(line -> line.matches("host-\\d\\.example:443 ×8[34] \\(not on the allow-list\\)"));
        }
    }

    @Test
    void privateLoopbackLinkLocalCgnatAndUniqueLocalAddressesAreInternal() throws Exception {
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "100.127.255.254", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1")) {
            assertThat(AddressRanges.isInternal(InetAddress.getByName(address))).as(address).isTrue();
        }
        for (String address : List.of("1.1.1.1", "100.128.0.1", "8.8.8.8", "2606:4700:4700::1111")) {
            assertThat(AddressRanges.isInternal(InetAddress.getByName(address))).as(address).isFalse();
        }
    }

    private static String request(Path socket, String request) throws IOException {
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(socket));
            client.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer answer = ByteBuffer.allocate(4096);
            while (client.read(answer) >= 0 && answer.hasRemaining()) {
                // read until the proxy closes
            }
            return new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII);
        }
    }

    private static void closeAll(List<SocketChannel> clients) {
        for (SocketChannel client : clients) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing is all that is left
            }
        }
        clients.clear();
    }

    private static int proxyConnections(EgressProxy proxy) {
        return proxy.openConnections();
    }

    private static long maxOpenFiles() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return 1024;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
