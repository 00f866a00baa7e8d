package io.varde.check.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * A TCP listener on 127.0.0.1 that accepts connections and never answers: the shape of a site
 * whose server is overwhelmed. Also lets a test write raw bytes back, for malformed answers.
 */
final class SilentServer implements AutoCloseable {

    private final ServerSocket socket;

    SilentServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    /** Accepts the next connection, waiting up to {@code wait}. */
    Socket accept(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        Socket s = socket.accept();
        s.setSoTimeout((int) wait.toMillis());
        return s;
    }

    /** Reads from {@code s} until the peer closes; false if it did not within its timeout. */
    static boolean closedByPeer(Socket s) {
        try (InputStream in = s.getInputStream()) {
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // drain the request
            }
            return true;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
