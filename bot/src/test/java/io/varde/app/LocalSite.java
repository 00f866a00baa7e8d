package io.varde.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A site for the jar to check: an HTTP server on 127.0.0.1 answering 200 with a fixed body. */
final class LocalSite {

    private LocalSite() {
    }

    /**
     * A rules directory under {@code dir} whose {@code targets.yaml} checks one target,
     * {@code id}, at {@code url} every second, DOWN after two failures, plus {@code more} lines
     * of target keys (indented by the caller); returns the directory.
     */
    static Path rules(Path dir, String id, String url, String... more) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        List<String> lines = new ArrayList<>(List.of(
                "defaults: { interval: 1s, timeout: 1s, failure-threshold: 2, success-threshold: 2 }",
                "targets:",
                "  - id: " + id,
                "    url: " + url));
        lines.addAll(List.of(more));
        lines.add("");
        Files.writeString(rules.resolve("targets.yaml"), String.join("\n", lines));
        return rules;
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
