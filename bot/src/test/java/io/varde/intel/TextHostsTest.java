package io.varde.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hosts pulled out of feed posts as responders see them: Russian, Danish and English. */
class TextHostsTest {

    private static final String HUGE = "a.".repeat(500_000);

    static Stream<Arguments> posts() {
        return Stream.of(
                row("Russian Telegram post with emoji",
                        "Атакованы сайты: borger.dk, www.trm.dk и skat.dk 🔥",
                        "borger.dk", "www.trm.dk", "skat.dk"),
                row("Danish news, capital and possessive",
                        "Hjemmesiderne Skat.dk og aarhus.dk's selvbetjening var nede.",
                        "skat.dk", "aarhus.dk"),
                row("English, host with port", "DDoS on kk.dk:443 and www.odense.dk today.",
                        "kk.dk", "www.odense.dk"),
                row("URL ending a sentence", "Read more at https://www.dr.dk/nyheder/angreb.",
                        "www.dr.dk"),
                row("URL in brackets before a comma", "(see https://cert.dk/da/news?id=7), then",
                        "cert.dk"),
                row("URL in guillemets", "Подробнее: «https://ria.ru/20251112/ddos.html»",
                        "ria.ru"),
                row("URL in quotes and an exclamation", "\"https://borger.dk/\"!", "borger.dk"),
                row("IDN URL before an ellipsis", "Siehe https://bürgerservice.de/… weiter",
                        "xn--brgerservice-dlb.de"),
                row("Cyrillic IDN URL", "Сайт http://пример.рф/ недоступен",
                        "xn--e1afmkfd.xn--p1ai"),
                row("Danish IDN bare", "Angreb på københavn.dk i morges",
                        "xn--kbenhavn-54a.dk"),
                row("Cyrillic IDN bare with exclamation", "Положили президент.рф!",
                        "xn--d1abbgf6aiiy.xn--p1ai"),
                row("punycode bare", "xn--kbenhavn-54a.dk er nede", "xn--kbenhavn-54a.dk"),
                row("e-mail gives its domain only", "Kontakt press@terma.com for info",
                        "terma.com"),
                row("file names", "Se report.pdf, image.png og document.docx"),
                row("file extension that is also a TLD", "download archive.zip and clip.mov"),
                row("versions", "Updated to v1.2.3 and 2.0.1"),
                row("numbers and dates", "Up 1.5 times on 12.11.2025 at 10.30"),
                row("ellipses around a host", "Wait... then borger.dk...and more", "borger.dk"),
                row("t.me link", "Join t.me/noname05716 now", "t.me"),
                row("sentence end on a real TLD", "Denmark.Today we strike", "denmark.today"),
                row("sentence end on no TLD", "Vi slog til.Derefter gik det ned"),
                row("hashtags", "#DDoS #borger.dk #Дания", "borger.dk"),
                row("emoji glued to hosts", "🔥borger.dk🔥skat.dk💥", "borger.dk", "skat.dk"),
                row("Cyrillic word glued to a host", "сайтыborger.dk и всё", "borger.dk"),
                row("one host mentioned three ways", "borger.dk BORGER.DK https://borger.dk/login",
                        "borger.dk"),
                row("www kept apart", "trm.dk and www.trm.dk", "trm.dk", "www.trm.dk"),
                row("Danish compounds with a hyphen",
                        "borger.dk-angrebet ramte også skat.dk-siden",
                        "borger.dk", "skat.dk"),
                row("hyphen inside a name", "Angreb på dansk-industri.dk", "dansk-industri.dk"),
                row("public suffix alone", "registered under co.uk"),
                row("empty", ""),
                row("blank", " \n\t "),
                row("URL with port, query and fragment",
                        "https://www.skat.dk:8443/login?next=/#top?", "www.skat.dk"),
                row("IP in a URL", "http://127.0.0.1/wp-login.php", "127.0.0.1"),
                row("bare IP is not taken", "from 127.0.0.1 we saw it"),
                row("upper case scheme", "HTTPS://WWW.TRM.DK/", "www.trm.dk"),
                row("Markdown link", "[borger](https://borger.dk)", "borger.dk"),
                row("mixed punctuation", "borger.dk;skat.dk|trm.dk", "borger.dk", "skat.dk",
                        "trm.dk"),
                row("ideographic full stop", "borger。dk", "borger.dk"),
                row("scheme without host", "https:// nothing here"),
                row("doubled scheme", "see https://https://x.dk/a.", "x.dk"),
                row("other scheme read as bare", "ftp://files.dk/a", "files.dk"),
                row("host at the end of a sentence", "Вчера упал skat.dk.", "skat.dk"),
                row("next sentence glued in Russian", "Упал skat.dk.Сегодня borger.dk", "skat.dk",
                        "borger.dk"),
                row("several words of another script glued by dots", "borger.dk.и.и", "borger.dk"),
                row("next sentence glued in Danish", "Nede: skat.dk.Derefter kom trm.dk",
                        "skat.dk", "trm.dk"),
                row("lower-case word after a host", "see intranet.dk.local too"),
                row("huge input then a host", HUGE + " borger.dk", "borger.dk"));
    }

    private static Arguments row(String name, String text, String... hosts) {
        return Arguments.of(named(name, text), List.of(hosts));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posts")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void findsExactlyTheHostsNamed(String text, List<String> hosts) {
        assertThat(TextHosts.extract(text)).extracting(found -> found.host().host())
                .containsExactlyElementsOf(hosts);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("rawAndPath")
    void keepsWhatWasWrittenAndThePath(String text, String raw, Optional<String> path) {
        assertThat(TextHosts.extract(text)).singleElement().satisfies(found -> {
            assertThat(found.raw()).isEqualTo(raw);
            assertThat(found.path()).isEqualTo(path);
        });
    }

    static Stream<Arguments> rawAndPath() {
        return Stream.of(
                Arguments.of("Join t.me/noname05716, now", "t.me/noname05716",
                        Optional.of("/noname05716")),
                Arguments.of("Read https://www.dr.dk/nyheder/angreb.",
                        "https://www.dr.dk/nyheder/angreb",
                        Optional.of("/nyheder/angreb")),
                Arguments.of("wiki https://en.wikipedia.org/wiki/NoName057(16).",
                        "https://en.wikipedia.org/wiki/NoName057(16)",
                        Optional.of("/wiki/NoName057(16)")),
                Arguments.of("https://skat.dk#top", "https://skat.dk#top", Optional.of("/")),
                Arguments.of("https://skat.dk?q=1#x", "https://skat.dk?q=1#x",
                        Optional.of("/?q=1")),
                Arguments.of("down: kk.dk:443!", "kk.dk:443", Optional.empty()),
                Arguments.of("ping kk.dk:443/health?", "kk.dk:443/health", Optional.of("/health")),
                Arguments.of("Skat.dk er nede", "Skat.dk", Optional.empty()),
                Arguments.of("borger.dk-angrebet", "borger.dk", Optional.empty()),
                Arguments.of("http://пример.рф/", "http://пример.рф/", Optional.of("/")));
    }

    @Test
    void readsNullAsEmptyText() {
        assertThat(TextHosts.extract(null)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("megabytes")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMegabyteOfDotsAndLettersFinishes(String text, List<String> hosts) {
        assertThat(TextHosts.extract(text)).extracting(found -> found.host().host())
                .containsExactlyElementsOf(hosts);
    }

    static Stream<Arguments> megabytes() {
        int mb = 1 << 20;
        return Stream.of(
                row("one run of labels", "a.".repeat(mb / 2)),
                row("dots only", ".".repeat(mb)),
                row("double dots", "a..".repeat(mb / 3)),
                row("one host many times", "ab.dk ".repeat(mb / 6), "ab.dk"),
                row("a URL with a huge host", "http://" + "a.".repeat(mb / 2)),
                row("a URL with a huge path", "https://x.dk/" + "./".repeat(mb / 2), "x.dk"),
                row("closing brackets after a URL", "https://x.dk/" + ")".repeat(mb), "x.dk"),
                row("huge port-like tail", "x.dk:" + "1".repeat(mb), "x.dk"),
                row("huge hyphenated label", "x.dk-" + "a".repeat(mb), "x.dk"),
                row("hosts chained by slashes", "a.dk/".repeat(mb / 5), "a.dk"),
                row("hosts chained by ports", "a.dk:1 ".repeat(mb / 7), "a.dk"),
                row("URL schemes chained", "https://".repeat(mb / 8)),
                row("huge word after a dot", "x.dk.D" + "a".repeat(mb), "x.dk"));
    }
}
