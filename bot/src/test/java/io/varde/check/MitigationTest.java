package io.varde.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MitigationTest {

    private static final String NGINX_503 = "<html>\r\n<head><title>503 Service Temporarily Unavailable"
            + "</title></head>\r\n<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>"
            + "\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    static Stream<Arguments> recognised() {
        return Stream.of(
                argumentSet("Cloudflare's cf-mitigated header",
                        Observations.http().status(403).header("cf-mitigated", "challenge")
                                .header("server", "cloudflare").build(),
                        "cf-mitigated: challenge"),
                argumentSet("AWS WAF CAPTCHA action, whatever its status (405)",
                        Observations.http().status(405).header("x-amzn-waf-action", "captcha").build(),
                        "x-amzn-waf-action: captcha"),
                argumentSet("AWS WAF Challenge action (202)",
                        Observations.http().status(202).header("x-amzn-waf-action", "challenge").build(),
                        "x-amzn-waf-action: challenge"),
                argumentSet("Sucuri's block header",
                        Observations.http().status(403).header("x-sucuri-block", "BL001")
                                .header("x-sucuri-id", "18015").build(),
                        "x-sucuri-block"),
                argumentSet("Cloudflare's \"Just a moment...\" page",
                        Observations.http().status(403).body("<!DOCTYPE html><html lang=\"en-US\"><head>"
                                + "<title>Just a moment...</title>").build(),
                        "Cloudflare challenge page (403)"),
                argumentSet("Cloudflare's challenge options, on a 503",
                        Observations.http().status(503).body("<script>(function(){window._cf_chl_opt="
                                + "{cvId: '3',cZone: 'www.example.dk'}}())</script>").build(),
                        "Cloudflare challenge page (503)"),
                argumentSet("Cloudflare's challenge widget",
                        Observations.http().status(403).body("<div id=\"cf-chl-widget-a1b2c\"></div>").build(),
                        "Cloudflare challenge page (403)"),
                argumentSet("Cloudflare's orchestrated challenge script, on a 429",
                        Observations.http().status(429).body("<script src=\"/cdn-cgi/challenge-platform/"
                                + "h/b/orchestrate/chl_page/v1?ray=8f1e2d3c4b5a6978\"></script>").build(),
                        "Cloudflare challenge page (429)"),
                argumentSet("Cloudflare's block page",
                        Observations.http().status(403).body("<title>Attention Required! | Cloudflare"
                                + "</title>").build(),
                        "Cloudflare block page (403)"),
                argumentSet("Imperva's resource",
                        Observations.http().status(403).body("<iframe src=\"/_Incapsula_Resource?"
                                + "CWUDNSAI=9&xinfo=1-2-3\"></iframe>").build(),
                        "Imperva block page (403)"),
                argumentSet("Imperva's incident ID",
                        Observations.http().status(403).body("Request unsuccessful. Incapsula incident ID:"
                                + " 1234000560078-12345678901").build(),
                        "Imperva block page (403)"),
                argumentSet("Akamai's page, as it escapes it",
                        Observations.http().status(403).body("<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n"
                                + "</HEAD><BODY>\n<H1>Access Denied</H1>\n \nYou don't have permission to"
                                + " access \"http&#58;&#47;&#47;www&#46;example&#46;dk&#47;\" on this server."
                                + "<P>\nReference&#32;&#35;18&#46;5f2e1cb8&#46;1731484800&#46;2a3b4c5d\n<P>"
                                + "https&#58;&#47;&#47;errors&#46;edgesuite&#46;net&#47;18&#46;5f2e1cb8\n"
                                + "</BODY>\n</HTML>\n").build(),
                        "Akamai block page (403)"),
                argumentSet("Akamai's reference, unescaped",
                        Observations.http().status(403).body("<h1>Access Denied</h1> Reference #18.5f2e1cb8")
                                .build(),
                        "Akamai block page (403)"),
                argumentSet("Akamai's error host, unescaped",
                        Observations.http().status(403).body("<h1>Access Denied</h1>"
                                + "https://errors.edgesuite.net/18.5f2e1cb8").build(),
                        "Akamai block page (403)"),
                argumentSet("Sucuri's block page",
                        Observations.http().status(403).body("<title>Sucuri WebSite Firewall - Access Denied"
                                + "</title>").build(),
                        "Sucuri block page (403)"),
                argumentSet("DDoS-Guard's check page",
                        Observations.http().status(403).body("<title>DDoS-Guard</title><script src="
                                + "\"https://check.ddos-guard.net/check.js\"></script>").build(),
                        "DDoS-Guard challenge page (403)"),
                argumentSet("DDoS-Guard's edge with a mitigation's status",
                        Observations.http().status(403).header("server", "ddos-guard").build(),
                        "DDoS-Guard challenge page (403)"),
                argumentSet("F5 ASM's blocking page",
                        Observations.http().status(403).body("<html><head><title>Request Rejected</title>"
                                + "</head><body>The requested URL was rejected. Please consult with your"
                                + " administrator.<br><br>Your support ID is: 1234567890</body></html>")
                                .build(),
                        "F5 ASM block page (403)"),
                argumentSet("DataDome with a mitigation's status",
                        Observations.http().status(403).header("x-datadome", "protected").build(),
                        "DataDome block (403)"),
                argumentSet("markers in any case",
                        Observations.http().status(403).body("<TITLE>JUST A MOMENT...</TITLE>").build(),
                        "Cloudflare challenge page (403)"));
    }

    @ParameterizedTest
    @MethodSource("recognised")
    void recognisesWellKnownSignatures(Observation observation, String signature) {
        assertThat(Mitigation.DEFAULT.recognise(observation)).contains(signature);
    }

    @ParameterizedTest
    @MethodSource("recognised")
    void recognisesNothingWhenOff(Observation observation, String signature) {
        assertThat(Mitigation.OFF.recognise(observation)).isEmpty();
        Mitigation disabled = new Mitigation(false, Set.of(403, 429, 503), List.of("moment"),
                List.of("cf-mitigated"));
        assertThat(disabled.recognise(observation)).isEmpty();
    }

    static Stream<Arguments> notRecognised() {
        return Stream.of(
                argumentSet("nginx's own 503 (an outage)",
                        Observations.http().status(503).body(NGINX_503).header("server", "nginx").build()),
                argumentSet("a 403 without a marker",
                        Observations.http().status(403).body("<h1>Forbidden</h1><p>You don't have permission"
                                + " to access this resource.</p>").header("server", "Apache").build()),
                argumentSet("\"Access Denied\" alone",
                        Observations.http().status(403).body("<h1>Access Denied</h1>").build()),
                argumentSet("a 200 with \"Just a moment\" in an article",
                        Observations.http().status(200).body("<article><p>Just a moment... the minister"
                                + " said, before answering the question.</p></article>").build()),
                argumentSet("an origin's 503 through Cloudflare, with its injected detection script",
                        Observations.http().status(503).body("<h1>Down for maintenance</h1><script>a.src="
                                + "'/cdn-cgi/challenge-platform/scripts/jsd/main.js';</script>")
                                .header("server", "cloudflare").header("cf-ray", "8f1e2d3c4b5a6978-CPH")
                                .build()),
                argumentSet("a 200 through DDoS-Guard",
                        Observations.http().status(200).header("server", "ddos-guard").build()),
                argumentSet("a 200 from a site DataDome protects",
                        Observations.http().status(200).header("x-datadome", "protected").build()),
                argumentSet("cf-mitigated naming no challenge",
                        Observations.http().status(200).header("cf-mitigated", "none").build()),
                argumentSet("a probe that saw no response", Observations.refused()));
    }

    @ParameterizedTest
    @MethodSource("notRecognised")
    void leavesOtherAnswersAlone(Observation observation) {
        assertThat(Mitigation.DEFAULT.recognise(observation)).isEmpty();
    }

    @Test
    void aTargetsOwnBodySignatureCountsForItsStatusesOnly() {
        Mitigation m = new Mitigation(true, Set.of(503), List.of("Please wait while we check your browser"),
                List.of());
        String body = "<p>PLEASE WAIT while we check your browser</p>";

        assertThat(m.recognise(Observations.http().status(503).body(body).build()))
                .contains("body \"Please wait while we check your browser\" (503)");
        assertThat(m.recognise(Observations.http().status(200).body(body).build())).isEmpty();
        assertThat(m.recognise(Observations.http().status(403).body(body).build()))
                .as("403 is not among this target's statuses").isEmpty();
        assertThat(m.recognise(Observations.http().status(403).body("<title>Just a moment...</title>").build()))
                .as("nor for the well-known ones").isEmpty();
    }

    @Test
    void aTargetsOwnHeaderSignatureCountsWhateverTheStatus() {
        Mitigation m = new Mitigation(true, Set.of(403), List.of(), List.of("X-Shield-Action: Blocked", "x-edge-wall"));

        assertThat(m.recognise(Observations.http().status(200)
                .header("x-shield-action", "request BLOCKED by policy 7").build()))
                .contains("x-shield-action: blocked");
        assertThat(m.recognise(Observations.http().status(200).header("x-shield-action", "allowed").build()))
                .isEmpty();
        assertThat(m.recognise(Observations.http().status(302).header("x-edge-wall", "1").build()))
                .contains("x-edge-wall");
        assertThat(m.headerNames()).containsExactly("x-shield-action", "x-edge-wall");
    }

    @Test
    void tellsWhichStatusesHaveTheirBodyRead() {
        assertThat(Mitigation.DEFAULT.readsBodyOf(503)).isTrue();
        assertThat(Mitigation.DEFAULT.readsBodyOf(200)).isFalse();
        assertThat(Mitigation.DEFAULT.readsBodyOf(null)).isFalse();
        assertThat(Mitigation.OFF.readsBodyOf(503)).isFalse();
    }
}
