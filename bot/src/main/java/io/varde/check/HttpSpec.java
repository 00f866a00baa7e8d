package io.varde.check;

import java.net.URI;
import java.util.Map;

/**
 * An HTTP(S) request: method, headers and optional body; redirects followed unless turned off;
 * TLS certificates verified unless {@code verifyTls} is false.
 */
public record HttpSpec(URI url, String method, Map<String, String> headers, String body,
                       boolean followRedirects, boolean verifyTls) implements ProbeSpec {

    public HttpSpec {
        headers = Map.copyOf(headers);
    }

    public static HttpSpec get(URI url) {
        return new HttpSpec(url, "GET", Map.of(), null, true, true);
    }

    @Override
    public CheckKind kind() {
        return CheckKind.HTTP;
    }

    @Override
    public String host() {
        return url.getHost();
    }
}
