package io.varde.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The status page's files over real HTTP: status, content type, security and cache headers. */
class StatusPageTest {

    private WebServer server;
    private Http http;

    @BeforeEach
    void start() throws Exception {
        server = WebServer.start(new InetSocketAddress("127.0.0.1", 0), new StatusPage().routes());
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("the page", "/", StatusPage.HTML, "<title>Varde status</title>"),
                Arguments.of("the script", "/static/app.js", StatusPage.JAVASCRIPT, "textContent"),
                Arguments.of("the style sheet", "/static/app.css", StatusPage.CSS, ".tile"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void eachFileAnswersWithItsTypeAndOnlySelfAllowed(String name, String path, String type, String content) {
        HttpResponse<String> response = http.get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(type);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(StatusPage.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(response.body()).contains(content);
    }

    @Test
    void thePolicyAllowsNothingButThisOriginAndNoInlineCode() {
        String csp = http.get("/").headers().firstValue("Content-Security-Policy").orElseThrow();

        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                "connect-src 'self'", "frame-ancestors 'none'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
    }

    @Test
    void thePageLoadsOnlyItsOwnFilesAndHasNothingInline() {
        String html = http.get("/").body();

        assertThat(html).contains("src=\"/static/app.js\"", "href=\"/static/app.css\"");
        assertThat(html).doesNotContain("<style", "style=", "onclick", "<form", "<button", "http://", "https://");
        assertThat(html.replace("<script src=\"/static/app.js\" defer></script>", "")).doesNotContain("<script");
    }

    @Test
    void theScriptNeverWritesMarkupFromData() {
        String js = http.get("/static/app.js").body();

        assertThat(js).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        assertThat(js).doesNotContainPattern("method:\\s*'(POST|PUT|DELETE|PATCH)'");
    }

    @Test
    void anotherPathUnderStaticIsNotFound() {
        assertThat(http.get("/static/other.js").statusCode()).isEqualTo(404);
    }
}
