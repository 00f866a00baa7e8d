package io.varde.check.probe;

import io.varde.check.HttpSpec;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One shared {@link HttpClient} per combination of redirect policy and TLS verification, built
 * on first use. Sharing matters: each JDK client owns a selector thread and a connection pool,
 * far too heavy for one per target. All clients speak HTTP/1.1 only (predictable, every site
 * speaks it, no h2c upgrade headers) and run their tasks on the probers' worker pool.
 * <p>
 * Java 17's HttpClient has no {@code close()}: a client's selector thread ends once the client is
 * unreachable, which happens when the probers are closed and dropped.
 */
final class HttpClients {

    private record Key(boolean followRedirects, boolean verifyTls) {
    }

    private final Executor executor;
    private final Map<Key, HttpClient> clients = new ConcurrentHashMap<>();

    HttpClients(Executor executor) {
        this.executor = executor;
    }

    /** The client for {@code spec}'s redirect and TLS settings. */
    HttpClient forSpec(HttpSpec spec) {
        return clients.computeIfAbsent(new Key(spec.followRedirects(), spec.verifyTls()),
                this::build);
    }

    private HttpClient build(Key key) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .followRedirects(key.followRedirects()
                        ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (!key.verifyTls()) {
            builder.sslContext(trustingEverything());
        }
        return builder.build();
    }

    /**
     * A TLS context that accepts any certificate chain and, because its trust manager is an
     * {@link X509ExtendedTrustManager} that checks nothing, skips the host-name check too (JSSE
     * leaves endpoint identification to such a manager). For targets configured with
     * {@code verifyTls: false}, typically internal sites with self-signed certificates.
     */
    private static SSLContext trustingEverything() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyCertificate()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    /** Trusts every certificate; used only when a target turns verification off. */
    private static final class AcceptAnyCertificate extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Accepts any client: this context is only used by a client.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Accepts any server: verification is off for this target by configuration.
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // As above.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // As above; no host-name check either.
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType,
                                       SSLEngine engine) {
            // As above.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType,
                                       SSLEngine engine) {
            // As above; no host-name check either.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
