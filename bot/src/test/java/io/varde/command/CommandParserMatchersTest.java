package io.varde.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.varde.core.Matcher;
import io.varde.core.Matcher.Op;
import io.varde.core.Matchers;
import io.varde.incident.MuteScope;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Commands with Alertmanager label matchers ({@code status} and {@code mute} by labels), which
 * rest on {@link Matchers#parse}: a table, and the properties of {@link CommandParserPropertiesTest}
 * over input full of matcher syntax.
 */
class CommandParserMatchersTest {

    private static final String MUTE = "mute <incident|target|label=value> <duration> [reason]";
    private static final String STATUS = "status [target|label=value]";

    static Stream<Arguments> valid() {
        Matchers government = of(new Matcher("sector", Op.EQUAL, "government"));
        return Stream.of(
                argumentSet("status by a quoted matcher", "status sector=\"government\"",
                        new Command.Status(Optional.empty(), Optional.of(government))),
                argumentSet("status by label=value", "status sector=government",
                        new Command.Status(Optional.empty(), Optional.of(government))),
                argumentSet("mute by labels with reason", "mute sector=\"government\" 2h DDoS wave",
                        mute(government, Duration.ofHours(2), "DDoS wave")),
                argumentSet("smart quotes in the matcher", "mute sector=\u201cgovernment\u201d 2h",
                        mute(government, Duration.ofHours(2), "")),
                argumentSet("regex matcher", "mute org=~\"kk|aarhus\" 30m",
                        mute(of(new Matcher("org", Op.REGEX, "kk|aarhus")),
                                Duration.ofMinutes(30), "")),
                argumentSet("space inside the quoted value", "mute org=~\"kk aarhus\" 1h",
                        mute(of(new Matcher("org", Op.REGEX, "kk aarhus")), Duration.ofHours(1), "")),
                argumentSet("several matchers in single quotes",
                        "mute 'sector=\"gov\", org=\"kk\"' 1h",
                        mute(of(new Matcher("sector", Op.EQUAL, "gov"),
                                new Matcher("org", Op.EQUAL, "kk")), Duration.ofHours(1), "")),
                argumentSet("several matchers without spaces", "mute sector=\"gov\",country!=\"se\" 1h",
                        mute(of(new Matcher("sector", Op.EQUAL, "gov"),
                                new Matcher("country", Op.NOT_EQUAL, "se")), Duration.ofHours(1), "")));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesMatchers(String text, Command expected) {
        assertThat(CommandParser.parse(text)).isEqualTo(new ParseResult.Parsed(expected));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                argumentSet("regex matching everything", "mute org=~\".*\" 1h",
                        "mute: 'org=~\".*\"' would mute every target (it matches one without labels)",
                        MUTE),
                argumentSet("negative matcher matches unlabelled targets", "mute sector!=\"gov\" 1h",
                        "mute: 'sector!=\"gov\"' would mute every target "
                                + "(it matches one without labels)", MUTE),
                argumentSet("label mutes end by id", "unmute sector=\"gov\"",
                        "unmute: give the mute id (M-4, shown when it was set) or a target",
                        "unmute <mute-id|target>"),
                argumentSet("matcher without a name", "status =\"x\"",
                        "status: bad label matcher: missing label name", STATUS),
                argumentSet("broken regex", "mute org=~\"(\" 1h",
                        "mute: bad label matcher: org=~\"(\": invalid regular expression", MUTE));
    }

    /** The matcher parser's own reason may follow; what is given here must come first, exactly. */
    @ParameterizedTest
    @MethodSource("invalid")
    void refusesBadMatchers(String text, String reasonStart, String usage) {
        ParseResult result = CommandParser.parse(text);

        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        ParseResult.Invalid invalid = (ParseResult.Invalid) result;
        assertThat(invalid.reason()).startsWith(reasonStart);
        assertThat(invalid.usage()).isEqualTo(usage);
    }

    @Property(tries = 1500)
    void inputFullOfMatcherSyntaxGivesACommandOrAWellFormedError(@ForAll("inputs") String text) {
        CommandParserPropertiesTest.assertWellFormed(CommandParser.parse(text));
    }

    @Property(tries = 1000)
    void labelCommandsReadBackFromTheirText(@ForAll("labelCommands") Command command) {
        assertThat(CommandParser.parse(command.toText())).isEqualTo(new ParseResult.Parsed(command));
    }

    @Provide
    Arbitrary<String> inputs() {
        Arbitrary<String> matcherish = Arbitraries.of("=", "!=", "=~", "!~", "sector=\"government\"",
                "org=~\"kk|aarhus\"", "'sector=\"gov\", org=\"kk\"'", "a=b", "=\"x\"", "x=~\"(\"",
                "x=~\"[\"", "{a=\"b\"}", "a=\"b\\\"c\"", ",", "org=~\".*\"", "n!~\"\"");
        Arbitrary<String> words = Arbitraries.oneOf(matcherish, CommandParserPropertiesTest.known(),
                Arbitraries.strings().all().ofMaxLength(4));
        return Combinators.combine(Arbitraries.of("status", "mute", "unmute", "STATUS"),
                        CommandParserPropertiesTest.commandLike(words, 5))
                .as((name, rest) -> name + " " + rest);
    }

    @Provide
    Arbitrary<Command> labelCommands() {
        Arbitrary<Matchers> matchers = matcher().list().ofMinSize(1).ofMaxSize(3).map(Matchers::new);
        Arbitrary<Duration> duration = Arbitraries.longs()
                .between(1, ArgumentReader.LONGEST.toMillis()).map(Duration::ofMillis);
        return Arbitraries.oneOf(
                matchers.map(m -> new Command.Status(Optional.empty(), Optional.of(m))),
                Combinators.combine(matchers.filter(m -> !m.matchesEverything()), duration,
                        CommandParserPropertiesTest.notes())
                        .as((m, d, r) -> new Command.Mute(new MuteScope.OfLabels(m), d, r)));
    }

    private static Arbitrary<Matcher> matcher() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz_")
                .ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> plain = Arbitraries.strings().withCharRange(' ', '~').withChars("æøå")
                .ofMaxLength(15);
        Arbitrary<String> regex = Arbitraries.strings().withChars("abcxyz|.").ofMaxLength(10);
        return Arbitraries.oneOf(
                Combinators.combine(name, Arbitraries.of(Op.EQUAL, Op.NOT_EQUAL), plain).as(Matcher::new),
                Combinators.combine(name, Arbitraries.of(Op.REGEX, Op.NOT_REGEX), regex).as(Matcher::new));
    }

    private static Matchers of(Matcher... matchers) {
        return new Matchers(List.of(matchers));
    }

    private static Command.Mute mute(Matchers m, Duration d, String reason) {
        return new Command.Mute(new MuteScope.OfLabels(m), d, reason);
    }
}
