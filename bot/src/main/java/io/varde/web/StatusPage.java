package io.varde.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The status page: {@code GET /} (one HTML document), {@code GET /static/app.js} and
 * {@code GET /static/app.css}, read once from the classpath ({@code web/} resources). The page has
 * no build step, no framework and loads nothing from elsewhere: the script fetches the JSON API
 * ({@code /api/targets}, {@code /api/incidents}, {@code /api/claims}) every 10 s and draws the
 * page with DOM calls and {@code textContent}, never by parsing HTML, so no data can become markup.
 *
 * <p>Every answer carries a {@code Content-Security-Policy} that allows only this origin (no
 * inline script, no inline style, no other host; SVG drawn by the script is DOM, not a source) and
 * {@code Cache-Control: no-cache} (the browser revalidates, so a new Varde's script is picked up).
 * The page is read-only: it has no form and no button that acts.
 */
public final class StatusPage {

    public static final String PATH = "/";
    public static final String SCRIPT_PATH = "/static/app.js";
    public static final String STYLE_PATH = "/static/app.css";

    public static final String HTML = "text/html; charset=utf-8";
    public static final String JAVASCRIPT = "text/javascript; charset=utf-8";
    public static final String CSS = "text/css; charset=utf-8";

    /** Only this origin, for everything; no inline code, no frames, no forms, no plugins. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String RESOURCES = "web/";

    private final Response page;
    private final Response script;
    private final Response style;

    /** @throws IllegalStateException when a resource is missing from the classpath (a broken build) */
    public StatusPage() {
        this.page = asset(HTML, "index.html");
        this.script = asset(JAVASCRIPT, "app.js");
        this.style = asset(CSS, "app.css");
    }

    /** The page's three routes, to add to the web server's list. */
    public List<Route> routes() {
        return List.of(Route.get(PATH, r -> page), Route.get(SCRIPT_PATH, r -> script),
                Route.get(STYLE_PATH, r -> style));
    }

    private static Response asset(String contentType, String name) {
        return new Response(200, contentType, Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY,
                "Cache-Control", "no-cache", "Referrer-Policy", "no-referrer"), read(name));
    }

    private static byte[] read(String name) {
        String resource = RESOURCES + name;
        try (InputStream in = StatusPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("status page resource missing from the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read status page resource " + resource, e);
        }
    }
}
