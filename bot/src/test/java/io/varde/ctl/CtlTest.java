package io.varde.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtlTest {

    @TempDir
    Path data;

    @Test
    void aCommandReachesTheRunningInstanceAsTheLocalUser() throws Exception {
        try (CtlServer server = CtlServer.start(data, (user, words) ->
                new CtlReply(!words.startsWith("bad"), user + " ran: " + words + "\nsecond line"))) {
            CtlReply ok = CtlClient.send(data, "mute borger-dk 1h planned maintenance");
            CtlReply refused = CtlClient.send(data, "bad words");

            assertThat(ok.ok()).isTrue();
            assertThat(ok.text()).isEqualTo(System.getProperty("user.name")
                    + " ran: mute borger-dk 1h planned maintenance\nsecond line");
            assertThat(refused.ok()).isFalse();
        }
    }

    @Test
    void onlyTheOwnerMayOpenTheSocket() throws Exception {
        try (CtlServer server = CtlServer.start(data, (user, words) -> new CtlReply(true, ""))) {
            assertThat(PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(data.resolve("varde.sock")))).isEqualTo("rw-------");
        }
        assertThat(data.resolve("varde.sock")).doesNotExist();
    }

    @Test
    void aStaleSocketFromAKilledProcessIsReplaced() throws Exception {
        Files.writeString(data.resolve("varde.sock"), "left behind");
        try (CtlServer server = CtlServer.start(data, (user, words) -> new CtlReply(true, "fresh"))) {
            assertThat(CtlClient.send(data, "status").text()).isEqualTo("fresh");
        }
    }

    @Test
    void anOverlongRequestIsRefused() throws Exception {
        try (CtlServer server = CtlServer.start(data, (user, words) -> new CtlReply(true, "ran"))) {
            CtlReply reply = CtlClient.send(data, "x".repeat(5000));
            assertThat(reply.ok()).isFalse();
            assertThat(reply.text()).isEqualTo("command too long (at most 4096 bytes)");
        }
    }

    @Test
    void aClientThatSendsNothingIsDroppedAfterTheTimeoutAndTheNextOneIsServed() throws Exception {
        try (CtlServer server = CtlServer.start(data, (user, words) -> new CtlReply(true, "ran " + words),
                Duration.ofMillis(300));
             SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.connect(UnixDomainSocketAddress.of(data.resolve("varde.sock")));

            CompletableFuture<CtlReply> next = CompletableFuture.supplyAsync(() -> send("status"));

            assertThat(next.get(10, TimeUnit.SECONDS).text()).isEqualTo("ran status");
            assertThat(readAll(silent)).isEqualTo("ERROR\nno command within 300 ms");
        }
    }

    @Test
    void aClientThatSendsHalfALineIsDroppedAfterTheTimeoutAndTheNextOneIsServed() throws Exception {
        try (CtlServer server = CtlServer.start(data, (user, words) -> new CtlReply(true, "ran " + words),
                Duration.ofMillis(300));
             SocketChannel half = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            half.connect(UnixDomainSocketAddress.of(data.resolve("varde.sock")));
            half.write(ByteBuffer.wrap("mute borger-dk".getBytes(StandardCharsets.UTF_8)));

            CompletableFuture<CtlReply> next = CompletableFuture.supplyAsync(() -> send("status"));

            assertThat(next.get(10, TimeUnit.SECONDS).text()).isEqualTo("ran status");
            assertThat(readAll(half)).isEqualTo("ERROR\nno command within 300 ms");
        }
    }

    private CtlReply send(String words) {
        try {
            return CtlClient.send(data, words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(SocketChannel channel) throws IOException {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(1024);
        while (channel.read(buf) >= 0) {
            in.write(buf.array(), 0, buf.position());
            buf.clear();
        }
        return in.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withNothingRunningTheClientSaysSo() {
        assertThatThrownBy(() -> CtlClient.send(data, "status"))
                .isInstanceOf(CtlClient.NotRunningException.class)
                .hasMessageStartingWith("Varde is not running with this data directory");
    }
}
