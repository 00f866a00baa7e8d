package io.varde.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.varde.command.Command.Claim;
import io.varde.command.Command.Claims;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The grammar of {@code claim} and {@code claims} as a table: words in, exact command or exact error out. */
class CommandParserIntelTest {

    private static final String CLAIM = "claim <host|target> [actor] [link]";
    private static final String CLAIMS = "claims [since]";
    private static final String TG = "https://t.me/noname05716/1234";

    static Stream<Arguments> valid() {
        return Stream.of(
                argumentSet("host", "claim trm.dk", new Claim("trm.dk", "", "")),
                argumentSet("host kept as typed", "claim WWW.TRM.DK.", new Claim("WWW.TRM.DK.", "", "")),
                argumentSet("URL", "claim https://www.trm.dk/search?q=1",
                        new Claim("https://www.trm.dk/search?q=1", "", "")),
                argumentSet("IP", "claim 192.0.2.10", new Claim("192.0.2.10", "", "")),
                argumentSet("IPv6", "claim 2001:db8::1", new Claim("2001:db8::1", "", "")),
                argumentSet("target id", "claim trm-dk", new Claim("trm-dk", "", "")),
                argumentSet("alias", "claim www.borger.dk", new Claim("www.borger.dk", "", "")),
                argumentSet("actor", "claim trm.dk NoName057(16)", new Claim("trm.dk", "NoName057(16)", "")),
                argumentSet("quoted actor and link", "claim trm.dk \"NoName057(16)\" " + TG,
                        new Claim("trm.dk", "NoName057(16)", TG)),
                argumentSet("actor with spaces in single quotes", "claim trm.dk 'Cyber Army of Russia'",
                        new Claim("trm.dk", "Cyber Army of Russia", "")),
                argumentSet("actor in smart quotes from a phone", "claim trm.dk \u201cCyber Army\u201d " + TG,
                        new Claim("trm.dk", "Cyber Army", TG)),
                argumentSet("actor loses surrounding space", "claim trm.dk ' NoName057(16) '",
                        new Claim("trm.dk", "NoName057(16)", "")),
                argumentSet("link without actor", "claim trm.dk " + TG, new Claim("trm.dk", "", TG)),
                argumentSet("http link, scheme in any case", "claim trm.dk x HTTP://Example.org",
                        new Claim("trm.dk", "x", "HTTP://Example.org")),
                argumentSet("link with an international host", "claim trm.dk x https://børger.dk/",
                        new Claim("trm.dk", "x", "https://børger.dk/")),
                argumentSet("with prefix, name in any case", "/varde CLAIM trm.dk",
                        new Claim("trm.dk", "", "")),
                argumentSet("claims: the last day by default", "claims", Claims.back(Duration.ofDays(1))),
                argumentSet("claims: hours", "claims 2h", Claims.back(Duration.ofHours(2))),
                argumentSet("claims: a day", "claims 1d", Claims.back(Duration.ofDays(1))),
                argumentSet("claims: compound", "claims 1h30m", Claims.back(Duration.ofMinutes(90))),
                argumentSet("claims: the longest", "claims 30d", Claims.back(Duration.ofDays(30))),
                argumentSet("claims: name in any case", "CLAIMS 90m", Claims.back(Duration.ofMinutes(90))),
                argumentSet("claims: since a day", "claims 2025-11-12",
                        Claims.from(LocalDate.of(2025, 11, 12))));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesValidInput(String text, Command expected) {
        assertThat(CommandParser.parse(text)).isEqualTo(new ParseResult.Parsed(expected));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                argumentSet("missing argument", "claim", "claim: missing host or target", CLAIM),
                argumentSet("empty quoted host", "claim ''", "claim: missing host or target", CLAIM),
                argumentSet("bad link: an unquoted actor with spaces", "claim trm.dk NoName057 16",
                        "claim: \"16\" is not a link (use an http or https URL; quote an actor with spaces)",
                        CLAIM),
                argumentSet("bad link: another scheme", "claim trm.dk NoName ftp://files.example.org/x",
                        "claim: \"ftp://files.example.org/x\" is not an http or https link", CLAIM),
                argumentSet("bad link: another scheme in the actor's place", "claim trm.dk tg://resolve",
                        "claim: \"tg://resolve\" is not an http or https link", CLAIM),
                argumentSet("bad link: no host", "claim trm.dk x https:///path",
                        "claim: \"https:///path\" is a link without a host", CLAIM),
                argumentSet("bad link: not a URL", "claim trm.dk x https://t.me/a^b",
                        "claim: \"https://t.me/a^b\" is not a valid URL", CLAIM),
                argumentSet("extra argument", "claim trm.dk NoName " + TG + " today",
                        "claim: unexpected \"today\"", CLAIM),
                argumentSet("a link where the actor goes leaves no room for another",
                        "claim trm.dk " + TG + " NoName", "claim: unexpected \"NoName\"", CLAIM),
                argumentSet("unclosed quote", "claim trm.dk \"NoName057(16)", "claim: unclosed double quote",
                        CLAIM),
                argumentSet("bad since", "claims yesterday",
                        "claims: \"yesterday\" is not a duration or day (use 2h, 1d or 2025-11-12)", CLAIMS),
                argumentSet("since without unit", "claims 24",
                        "claims: \"24\" is not a duration or day (use 2h, 1d or 2025-11-12)", CLAIMS),
                argumentSet("negative since", "claims -2h",
                        "claims: \"-2h\" is not a duration or day (use 2h, 1d or 2025-11-12)", CLAIMS),
                argumentSet("since too long", "claims 31d", "claims: \"31d\" is too long (at most 30d)", CLAIMS),
                argumentSet("since too long by hours", "claims 30d1h",
                        "claims: \"30d1h\" is too long (at most 30d)", CLAIMS),
                argumentSet("since huge", "claims 99999999999999999999d",
                        "claims: \"99999999999999999999d\" is too long (at most 30d)", CLAIMS),
                argumentSet("since zero", "claims 0h", "claims: the duration must be more than zero, not \"0h\"",
                        CLAIMS),
                argumentSet("no such day", "claims 2025-02-30",
                        "claims: \"2025-02-30\" is not a date (use 2025-11-12)", CLAIMS),
                argumentSet("two sinces", "claims 2h 1d", "claims: unexpected \"1d\"", CLAIMS));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesInvalidInput(String text, String reason, String usage) {
        assertThat(CommandParser.parse(text)).isEqualTo(new ParseResult.Invalid(reason, usage));
    }

    static Stream<Arguments> texts() {
        return Stream.of(
                argumentSet("plain", new Claim("trm.dk", "NoName057(16)", TG), "claim trm.dk NoName057(16) " + TG),
                argumentSet("actor with spaces", new Claim("trm.dk", "Cyber Army", ""), "claim trm.dk 'Cyber Army'"),
                argumentSet("link only", new Claim("trm.dk", "", TG), "claim trm.dk " + TG),
                argumentSet("double quote inside a word", new Claim("a\"b", "x", ""), "claim 'a\"b' x"),
                argumentSet("both quotes", new Claim("trm.dk", "O'Brien \"the\" one", ""),
                        "claim trm.dk \"O'Brien \\\"the\\\" one\""),
                argumentSet("claims back", Claims.back(Duration.ofMinutes(90)), "claims 1h30m"),
                argumentSet("claims from a day", Claims.from(LocalDate.of(2025, 11, 12)), "claims 2025-11-12"));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void writesWordsThatReadBack(Command command, String text) {
        assertThat(command.toText()).isEqualTo(text);
        assertThat(CommandParser.parse(text)).isEqualTo(new ParseResult.Parsed(command));
    }

    @Test
    void claimsLookBackFromNowOrFromTheStartOfTheDayInUtc() {
        Instant now = Instant.parse("2025-11-13T08:10:00Z");

        assertThat(Claims.back(Duration.ofHours(2)).since(now)).isEqualTo(Instant.parse("2025-11-13T06:10:00Z"));
        assertThat(Claims.from(LocalDate.of(2025, 11, 12)).since(now))
                .isEqualTo(Instant.parse("2025-11-12T00:00:00Z"));
    }
}
