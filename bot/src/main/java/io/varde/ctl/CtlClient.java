package io.varde.ctl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Sends one command to the instance running with {@code dataDir} and returns its reply. */
public final class CtlClient {

    private CtlClient() {
    }

    /**
     * @throws NotRunningException when no instance listens in {@code dataDir}
     * @throws IOException         when the conversation breaks off
     */
    public static CtlReply send(Path dataDir, String words) throws IOException {
        byte[] request = (words.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8);
        if (request.length > CtlProtocol.MAX_REQUEST) {
            return new CtlReply(false, "command too long (at most " + CtlProtocol.MAX_REQUEST + " bytes)");
        }
        Path socket = CtlProtocol.socket(dataDir).toAbsolutePath();
        if (!Files.exists(socket)) {
            throw new NotRunningException(socket);
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new NotRunningException(socket);
        }
        try (channel) {
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteArrayOutputStream in = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (channel.read(buf) >= 0) {
                in.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            String text = in.toString(StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            if (nl < 0) {
                throw new IOException("incomplete reply from " + socket);
            }
            return new CtlReply(text.substring(0, nl).equals(CtlProtocol.OK), text.substring(nl + 1));
        }
    }

    /** Nothing listens on the socket: Varde is not running with that data directory. */
    public static final class NotRunningException extends IOException {
        NotRunningException(Path socket) {
            super("Varde is not running with this data directory (no " + socket + ")");
        }
    }
}
