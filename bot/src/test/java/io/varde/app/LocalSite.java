package io.varde.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A site for the jar to check: an HTTP server on 127.0.0.1 answering 200 with a fixed body. */
final class LocalSite {

    private LocalSite() {
    }

    /** Starts on {@code port} (0: any free port), answering {@code body} on {@code path} and below. */
    static HttpServer start(int port, String path, String body) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        s.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        s.start();
        return s;
    }
}
