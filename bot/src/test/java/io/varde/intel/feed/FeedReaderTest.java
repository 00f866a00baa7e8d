package io.varde.intel.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.varde.intel.Claim;
import io.varde.intel.ClaimSource;
import io.varde.intel.Claims;
import io.varde.intel.HostName;
import io.varde.intel.IntelSource;
import io.varde.intel.RawClaim;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RSS and Atom entries to claims: the feed files in src/test/resources/feeds. */
class FeedReaderTest {

    static final Instant READ_AT = Instant.parse("2025-11-13T12:30:00Z");
    static final IntelSource TELEGRAM = new IntelSource("noname-telegram", IntelSource.Kind.FEED,
            URI.create("https://rsshub.example.org/telegram/channel/noname05716"), Duration.ofMinutes(5),
            "NoName057(16)");
    static final IntelSource BLOG = new IntelSource("claims-blog", IntelSource.Kind.FEED,
            URI.create("https://claims.example.org/feed.atom"), Duration.ofMinutes(30), "");

    private static FeedReader.Reading read(String file, IntelSource source) throws IOException {
        try (InputStream in = FeedReaderTest.class.getResourceAsStream("/feeds/" + file)) {
            assertThat(in).as(file).isNotNull();
            return FeedReader.read(in, "", source, READ_AT);
        }
    }

    private static Claim claim(RawClaim raw) {
        return Claims.read(raw).claim().orElseThrow();
    }

    private static List<String> hosts(RawClaim raw) {
        return claim(raw).hosts().stream().map(HostName::host).toList();
    }

    @Test
    void aRussianTelegramPostClaimsTheHostsInItsTextAndInItsLinks() throws IOException {
        FeedReader.Reading reading = read("telegram-noname.rss.xml", TELEGRAM);

        RawClaim post = reading.claims().get(0);
        assertThat(post.source()).isEqualTo(ClaimSource.FEED);
        assertThat(post.sourceName()).isEqualTo("noname-telegram");
        assertThat(post.ref()).isEqualTo("https://t.me/noname05716/8001");
        assertThat(post.actor()).isEqualTo("NoName057(16)");
        assertThat(post.claimedAt()).isEqualTo(Instant.parse("2025-11-13T09:14:00Z"));
        assertThat(post.observedAt()).isEqualTo(READ_AT);
        assertThat(hosts(post)).as("www.trm.dk from the text, borger.dk only from an <a href>; "
                + "the channel's own t.me link is not a target").containsExactly("www.trm.dk", "www.borger.dk");
        assertThat(post.links()).as("the post first: it is the proof")
                .containsExactly("https://t.me/noname05716/8001", "https://www.borger.dk/");
        assertThat(post.text()).as("plain text, the title not repeated")
                .startsWith("Продолжаем наказывать датских русофобов 🔥 ❌ Министерство транспорта Дании: www.trm.dk")
                .contains("Портал госуслуг Дании").doesNotContain("<", "href");
    }

    @Test
    void aDanishPostWithAnInternationalNameAndEntities() throws IOException {
        RawClaim post = read("telegram-noname.rss.xml", TELEGRAM).claims().get(1);

        assertThat(hosts(post)).as("københavn.dk in punycode; t.me is claimed here because the text names it")
                .containsExactly("xn--kbenhavn-54a.dk", "aarhus.dk", "skat.dk", "t.me");
        assertThat(post.ref()).as("no guid: the link").isEqualTo("https://t.me/noname05716/8002");
        assertThat(post.text()).contains("Skat & Told: skat.dk er også nede").doesNotContain("&amp;", "<b>");
    }

    @Test
    void aPostNamingNoHostGivesNoClaimButCountsAsAnEntry() throws IOException {
        FeedReader.Reading reading = read("telegram-noname.rss.xml", TELEGRAM);

        assertThat(reading.entries()).isEqualTo(3);
        assertThat(reading.claims()).hasSize(2)
                .noneMatch(c -> c.ref().equals("https://t.me/noname05716/8000"));
        assertThat(reading.hosts()).isEqualTo(6);
    }

    @Test
    void anAtomFeedTakesIdsDatesRelatedLinksAndHtmlTitles() throws IOException {
        FeedReader.Reading reading = read("researcher-blog.atom.xml", BLOG);

        assertThat(reading.entries()).isEqualTo(2);
        RawClaim first = reading.claims().get(0);
        assertThat(first.ref()).isEqualTo("tag:claims.example.org,2025:post-41");
        assertThat(first.claimedAt()).as("published wins over updated").isEqualTo(Instant.parse("2025-11-13T10:05:00Z"));
        assertThat(first.actor()).isEmpty();
        assertThat(first.text()).startsWith("NoName057(16) claims Terma & the Ministry of Transport\nThe group listed trm.dk");
        assertThat(hosts(first)).as("trm.dk from the text, terma.com from the related link; "
                + "claims.example.org is where the post is").containsExactly("trm.dk", "www.terma.com");

        RawClaim second = reading.claims().get(1);
        assertThat(second.claimedAt()).as("no published time: updated").isEqualTo(Instant.parse("2025-11-13T12:00:00Z"));
        assertThat(second.text()).as("plain text content is kept as it is").endsWith("3 < 4 & 5 > 4.");
        assertThat(hosts(second)).containsExactly("aarhus.dk");
    }

    @Test
    void anEntryWithoutGuidOrLinkIsKnownByItsText() throws IOException {
        String rss = "<rss version=\"2.0\"><channel><title>t</title><link>https://x.example</link><description>d</description>"
                + "<item><title>Down: borger.dk</title></item></channel></rss>";
        FeedReader.Reading once = FeedReader.read(stream(rss), "", TELEGRAM, READ_AT);
        FeedReader.Reading again = FeedReader.read(stream(rss), "", TELEGRAM, READ_AT.plusSeconds(300));

        assertThat(once.claims().get(0).ref()).startsWith("sha256:").isEqualTo(again.claims().get(0).ref());
        assertThat(once.claims().get(0).claimedAt()).as("no date: the intake uses the observed time").isNull();
    }

    @Test
    void theHttpCharsetIsHonoured() throws IOException {
        String rss = "<rss version=\"2.0\"><channel><title>t</title><link>https://x.example</link><description>d</description>"
                + "<item><title>Angreb på københavn.dk</title><guid>1</guid></item></channel></rss>";
        FeedReader.Reading reading = FeedReader.read(new ByteArrayInputStream(rss.getBytes(StandardCharsets.ISO_8859_1)),
                "application/rss+xml; charset=ISO-8859-1", TELEGRAM, READ_AT);

        assertThat(hosts(reading.claims().get(0))).containsExactly("xn--kbenhavn-54a.dk");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "malformed XML, malformed.xml",
        "a DOCTYPE (external entities are never read), xxe.xml",
    })
    void contentThatIsNotAFeedIsRefusedWithTheSourceName(String what, String file) {
        assertThatThrownBy(() -> read(file, TELEGRAM)).isInstanceOf(FeedReader.FeedFormatException.class)
                .hasMessageStartingWith("noname-telegram: not an RSS or Atom feed: ")
                .hasMessageNotContaining("root:");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an HTML page | <html><body><p>Just a moment...</p></body></html>",
        "JSON | {\"targets\": []}",
        "nothing | ''",
    })
    void aPageThatIsNoFeedIsRefused(String what, String body) {
        assertThatThrownBy(() -> FeedReader.read(stream(body), "", TELEGRAM, READ_AT))
                .isInstanceOf(FeedReader.FeedFormatException.class)
                .hasMessageStartingWith("noname-telegram: not an RSS or Atom feed: ");
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
