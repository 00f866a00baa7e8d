package io.varde.ctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.BiFunction;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@code <data dir>/varde.sock} and runs each request through the handler as the
 * local operator. One request per connection, handled one at a time on a daemon thread.
 */
public final class CtlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CtlServer.class);

    private final Path socket;
    private final ServerSocketChannel server;
    private final BiFunction<String, String, CtlReply> handler;
    private final Set<String> allowedUsers;
    private final Thread thread;
    private volatile boolean closed;

    private CtlServer(Path socket, ServerSocketChannel server, BiFunction<String, String, CtlReply> handler) {
        this.socket = socket;
        this.server = server;
        this.handler = handler;
        this.allowedUsers = new java.util.TreeSet<>(java.util.List.of(System.getProperty("user.name"), "root"));
        this.thread = new Thread(this::serve, "varde-ctl");
        this.thread.setDaemon(true);
    }

    /**
     * Binds the socket in {@code dataDir} (replacing a stale one left by a killed process) and
     * starts serving.
     *
     * @param handler (operator user name, command words) -> reply
     */
    public static CtlServer start(Path dataDir, BiFunction<String, String, CtlReply> handler) throws IOException {
        Path socket = CtlProtocol.socket(dataDir).toAbsolutePath();
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            restrict(socket);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        CtlServer ctl = new CtlServer(socket, server, handler);
        ctl.thread.start();
        LOG.info("event=ctl_listening socket={}", socket);
        return ctl;
    }

    private static void restrict(Path socket) throws IOException {
        try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.warn("event=ctl_permissions_unsupported socket={}", socket);
        }
    }

    private void serve() {
        while (!closed) {
            try (SocketChannel client = server.accept()) {
                handle(client);
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("event=ctl_failed error=\"{}\"", e.toString());
                }
            } catch (RuntimeException e) {
                LOG.error("event=ctl_failed error=\"{}\"", e.toString(), e);
            }
        }
    }

    private void handle(SocketChannel client) throws IOException {
        String user = peerUser(client);
        if (user == null || !allowedUsers.contains(user)) {
            LOG.warn("event=ctl_refused user={}", user);
            write(client, new CtlReply(false, "refused: only " + String.join(" or ", allowedUsers)
                    + " may use varde ctl"));
            return;
        }
        String words = readLine(client);
        if (words == null) {
            write(client, new CtlReply(false, "request too long or not UTF-8 text"));
            return;
        }
        LOG.info("event=ctl_command user={} command=\"{}\"", user, words.replace('"', '\''));
        write(client, handler.apply(user, words));
    }

    private static String peerUser(SocketChannel client) {
        try {
            UnixDomainPrincipal p = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return p.user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return System.getProperty("user.name");
        }
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(512);
        while (client.read(buf) >= 0) {
            buf.flip();
            while (buf.hasRemaining()) {
                byte b = buf.get();
                if (b == '\n') {
                    return bytes.toString(StandardCharsets.UTF_8);
                }
                bytes.write(b);
                if (bytes.size() > CtlProtocol.MAX_REQUEST) {
                    return null;
                }
            }
            buf.clear();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void write(SocketChannel client, CtlReply reply) throws IOException {
        String text = (reply.ok() ? CtlProtocol.OK : CtlProtocol.ERROR) + "\n" + reply.text();
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            client.write(out);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("event=ctl_close_failed error=\"{}\"", e.toString());
        }
    }
}
