package io.varde.web;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A port in use is a start-up error that says which address and which variables to set. */
class WebServerBindTest {

    @Test
    void aPortInUseSaysWhereAndWhatToSet() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress same = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());
            assertThatThrownBy(() -> WebServer.start(same, List.of()))
                    .isInstanceOf(BindException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("set VARDE_HTTP_BIND and VARDE_HTTP_PORT");
        }
    }
}
