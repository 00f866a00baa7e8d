package io.varde.check.probe;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
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

    private final KeptBytes kept;
    private final Charset charset;
    private final CompletableFuture<String> result = new CompletableFuture<>();

    CappedBody(int cap, Charset charset) {
        this.kept = new KeptBytes(cap);
        this.charset = charset;
    }

    /** The charset named by {@code headers}' Content-Type, or UTF-8 when absent or unknown. */
    static Charset charsetOf(HttpHeaders headers) {
        return KeptBytes.charsetOf(headers.firstValue("Content-Type").orElse(null));
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            kept.add(buffer);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(kept.text(charset));
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }
}
