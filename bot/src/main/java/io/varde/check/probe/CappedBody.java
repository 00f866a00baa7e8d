package io.varde.check.probe;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body to its end, keeping at most the first {@code cap} bytes and decoding
 * them as text. The rest is read and dropped rather than left unread: the response time must
 * cover the whole body (a site that sends headers quickly and then stalls is not healthy), and
 * the cap bounds the memory 10,000 targets can hold. With a cap of 0 nothing is kept and the
 * body is null.
 * <p>
 * A cut may split a multi-byte character; the decoder replaces the fragment, which is harmless
 * for conditions that search the text.
 */
final class CappedBody implements BodySubscriber<String> {

    private final int cap;
    private final Charset charset;
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private byte[] kept = new byte[0];
    private int size;

    CappedBody(int cap, Charset charset) {
        this.cap = cap;
        this.charset = charset;
    }

    /** The charset named by {@code headers}' Content-Type, or UTF-8 when absent or unknown. */
    static Charset charsetOf(HttpHeaders headers) {
        String type = headers.firstValue("Content-Type").orElse("");
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

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
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
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(cap == 0 ? null : new String(kept, 0, size, charset));
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }
}
