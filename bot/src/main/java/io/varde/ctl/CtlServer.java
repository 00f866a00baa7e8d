package io.varde.ctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on {@code <data dir>/varde.sock} and runs each request through the handler as the
 * local operator. One request per connection, handled one at a time on a daemon thread. A client
 * has {@link #IO_TIMEOUT} to send its line, and then as long to take the reply: one that connects
 * and sends nothing, or half a line, or never reads, is dropped then, so the next one is served.
 * (A blocking {@code SocketChannel} ignores {@code SO_TIMEOUT}, so the connection is read and
 * written without blocking, through a selector with a deadline.)
 */
public final class CtlServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CtlServer.class);

    /** How long a client may take to send its command, and then to read the reply: 5 s. */
    public static final Duration IO_TIMEOUT = Duration.ofSeconds(5);

    private final Path socket;
    private final ServerSocketChannel server;
    private final BiFunction<String, String, CtlReply> handler;
    private final Duration timeout;
    private final Set<String> allowedUsers;
    private final Thread thread;
    private volatile boolean closed;

    private CtlServer(Path socket, ServerSocketChannel server, BiFunction<String, String, CtlReply> handler,
            Duration timeout) {
        this.socket = socket;
        this.server = server;
        this.handler = handler;
        this.timeout = timeout;
        this.allowedUsers = new TreeSet<>(List.of(System.getProperty("user.name"), "root"));
        this.thread = new Thread(this::serve, "varde-ctl");
        this.thread.setDaemon(true);
    }

    /** The client was too slow to send its line or to take the reply. */
    private static final class TooSlow extends IOException {
        TooSlow(String what) {
            super(what);
        }
    }

    /**
     * Binds the socket in {@code dataDir} (replacing a stale one left by a killed process) and
     * starts serving.
     *
     * @param handler (operator user name, command words) -> reply
     */
    public static CtlServer start(Path dataDir, BiFunction<String, String, CtlReply> handler) throws IOException {
        return start(dataDir, handler, IO_TIMEOUT);
    }

    /** As {@link #start(Path, BiFunction)}, with another timeout (tests). */
    static CtlServer start(Path dataDir, BiFunction<String, String, CtlReply> handler, Duration timeout)
            throws IOException {
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
        CtlServer ctl = new CtlServer(socket, server, handler, timeout);
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
            } catch (TooSlow e) {
                LOG.info("event=ctl_dropped reason=\"{}\" timeout_ms={}", e.getMessage(), timeout.toMillis());
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
        client.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            SelectionKey key = client.register(selector, 0);
            if (user == null || !allowedUsers.contains(user)) {
                LOG.warn("event=ctl_refused user={}", user);
                write(key, new CtlReply(false, "refused: only " + String.join(" or ", allowedUsers)
                        + " may use varde ctl"), deadline());
                return;
            }
            String words;
            try {
                words = readLine(key, deadline());
            } catch (TooSlow e) {
                try {
                    write(key, new CtlReply(false, "no command within " + timeout.toMillis() + " ms"), deadline());
                } catch (IOException ignored) {
                    // the client is gone or not reading either
                }
                throw e;
            }
            if (words == null) {
                write(key, new CtlReply(false, "request too long or not UTF-8 text"), deadline());
                return;
            }
            LOG.info("event=ctl_command user={} command=\"{}\"", user, words.replace('"', '\''));
            write(key, handler.apply(user, words), deadline());
        }
    }

    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /** Waits (at most until {@code deadline}) until the key's channel is ready for {@code op}. */
    private static void await(SelectionKey key, int op, long deadline, String what) throws IOException {
        key.interestOps(op);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new TooSlow(what);
            }
            int ready = key.selector().select(left);
            key.selector().selectedKeys().clear();
            if (ready > 0) {
                return;
            }
        }
    }

    private static String peerUser(SocketChannel client) {
        try {
            UnixDomainPrincipal p = client.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return p.user().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return System.getProperty("user.name");
        }
    }

    private static String readLine(SelectionKey key, long deadline) throws IOException {
        SocketChannel client = (SocketChannel) key.channel();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(512);
        int n;
        while ((n = client.read(buf)) >= 0) {
            if (n == 0) {
                await(key, SelectionKey.OP_READ, deadline, "no whole command line in time");
                continue;
            }
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

    private static void write(SelectionKey key, CtlReply reply, long deadline) throws IOException {
        SocketChannel client = (SocketChannel) key.channel();
        String text = (reply.ok() ? CtlProtocol.OK : CtlProtocol.ERROR) + "\n" + reply.text();
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            if (client.write(out) == 0) {
                await(key, SelectionKey.OP_WRITE, deadline, "reply not taken in time");
            }
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
