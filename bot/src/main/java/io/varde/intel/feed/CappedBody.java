package io.varde.intel.feed;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An HTTP body read into memory up to a limit: refused at once when its {@code Content-Length}
 * says it is larger, and cancelled as soon as more than the limit has arrived (a server may send
 * no length, or the wrong one). Signals arrive one at a time, as reactive streams promise.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final long limit;
    private final OptionalLong declared;
    private final String where;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    CappedBody(long limit, OptionalLong declared, String where) {
        this.limit = limit;
        this.declared = declared;
        this.where = where;
    }

    /** The error for content larger than {@code limit}. */
    static SourceFetcher.FetchException tooLarge(String where, long limit) {
        String size = limit >= 1 << 20 ? (limit >> 20) + " MiB" : limit + " bytes";
        return new SourceFetcher.FetchException(where + ": larger than " + size + ", the most a source may send");
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declared.isPresent() && declared.getAsLong() > limit) {
            s.cancel();
            result.completeExceptionally(tooLarge(where, limit));
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : buffers) {
            if (received.size() + (long) b.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(tooLarge(where, limit));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            received.writeBytes(chunk);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(received.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
