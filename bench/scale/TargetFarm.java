import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local "target farm" for the scale benchmark: one HTTP server on 127.0.0.1 answering
 * 200 "ok" for any path, so that thousands of target URLs (/t/0, /t/1, ...) cost one process.
 * Prints the port on its first line, then the running request count every second.
 *
 * Run with: java bench/scale/TargetFarm.java [port]
 */
public final class TargetFarm {

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        AtomicLong served = new AtomicLong();
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            served.incrementAndGet();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("port " + server.getAddress().getPort());
        System.out.flush();
        while (true) {
            Thread.sleep(1000);
            System.out.println("served " + served.get());
            System.out.flush();
        }
    }
}
