package io.varde.check.probe;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The first {@code cap} bytes of a body, the rest consumed and dropped; shared by the JDK and
 * Jetty paths of the HTTP prober. Not thread-safe: one exchange feeds it in order.
 */
final class KeptBytes {

    private final int cap;
    private byte[] kept = new byte[0];
    private int size;

    KeptBytes(int cap) {
        this.cap = cap;
    }

    /** Keeps what fits of {@code buffer} and consumes all of it. */
    void add(ByteBuffer buffer) {
        int take = Math.min(buffer.remaining(), cap - size);
        if (take > 0) {
            if (kept.length < size + take) {
                int grown = Math.max(size + take, kept.length * 2);
                kept = Arrays.copyOf(kept, Math.min(cap, grown));
            }
            buffer.get(kept, size, take);
            size += take;
        }
        buffer.position(buffer.limit());
    }

    /** What was kept as text, or null when nothing was to be kept (a cap of 0). */
    String text(Charset charset) {
        return cap == 0 ? null : new String(kept, 0, size, charset);
    }

    /** The charset a {@code Content-Type} value names, or UTF-8 when absent or unknown. */
    static Charset charsetOf(String contentType) {
        String type = contentType == null ? "" : contentType;
        for (String param : type.split(";")) {
            String p = param.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                String name = p.substring("charset=".length()).replace("\"", "").strip();
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }
}
