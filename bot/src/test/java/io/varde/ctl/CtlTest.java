package io.varde.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    void withNothingRunningTheClientSaysSo() {
        assertThatThrownBy(() -> CtlClient.send(data, "status"))
                .isInstanceOf(CtlClient.NotRunningException.class)
                .hasMessageStartingWith("Varde is not running with this data directory");
    }
}
