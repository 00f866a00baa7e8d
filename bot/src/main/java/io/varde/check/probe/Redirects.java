package io.varde.check.probe;

import java.net.URI;

/**
 * The redirects a check follows, as the JDK client's {@code HttpClient.Redirect.NORMAL} does, so
 * both HTTP paths agree: 301, 302, 303, 307 and 308; never from HTTPS to HTTP; at most
 * {@value #MAX} (the JDK's {@code jdk.httpclient.redirects.retrylimit} default); 303 becomes a
 * GET, and so does a POST on 301 or 302, without its body. Pure.
 */
final class Redirects {

    static final int MAX = 5;

    private Redirects() {
    }

    /** True for a status that redirects. */
    static boolean redirects(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** True when going from {@code from} to {@code to} would leave HTTPS for HTTP. */
    static boolean downgrades(URI from, URI to) {
        return "https".equalsIgnoreCase(from.getScheme()) && "http".equalsIgnoreCase(to.getScheme());
    }

    /** True when the redirected request is a GET without a body. */
    static boolean becomesGet(int status, String method) {
        return status == 303 || ((status == 301 || status == 302) && method.equals("POST"));
    }
}
