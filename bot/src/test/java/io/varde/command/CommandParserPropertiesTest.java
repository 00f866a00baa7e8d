package io.varde.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.incident.MuteScope;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the parser over generated input: it is total (never throws, for any string),
 * every error is a well-formed reply, and commands survive being written and read back.
 * {@link CommandParserMatchersTest} adds input dense with label-matcher syntax.
 */
class CommandParserPropertiesTest {

    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    private static final Pattern LEVEL_LIKE = Pattern.compile("[+-]?\\d+");

    @Property(tries = 2000)
    void anyInputGivesACommandOrAWellFormedError(@ForAll("inputs") String text) {
        ParseResult result = CommandParser.parse(text);

        assertWellFormed(result);
        Statistics.collect(result.getClass().getSimpleName());
        Statistics.coverage(c -> c.check("Parsed").percentage(p -> p >= 3));
    }

    @Property(tries = 2000)
    void generatedCommandsReadBackFromTheirText(@ForAll("commands") Command command) {
        assertThat(CommandParser.parse(command.toText())).isEqualTo(new ParseResult.Parsed(command));
    }

    /**
     * What the parser returns for anything: an error whose reason is one non-blank line and
     * whose usage is a command's usage line or the command list; or a command that reads back
     * from its own text and has a role and a reply destination.
     */
    static void assertWellFormed(ParseResult result) {
        if (result instanceof ParseResult.Invalid invalid) {
            assertThat(invalid.reason()).isNotBlank();
            assertThat(LINE_BREAK.matcher(invalid.reason()).find()).as(invalid.reason()).isFalse();
            boolean list = invalid.usage().equals(Commands.list());
            boolean usage = Commands.all().stream().anyMatch(d -> invalid.usage().equals(d.usage())
                    && invalid.reason().startsWith(d.name() + ": "));
            assertThat(list || usage).as(invalid.toString()).isTrue();
            assertThat(invalid.toReply().visibility()).isEqualTo(Reply.Visibility.CALLER);
        } else {
            Command command = ((ParseResult.Parsed) result).command();
            assertThat(Permissions.required(command)).isNotNull();
            assertThat(CommandParser.parse(command.toText())).isEqualTo(result);
        }
    }

    @Provide
    Arbitrary<String> inputs() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().all().ofMinLength(1_990).ofMaxLength(2_100),
                commandLike(Arbitraries.oneOf(known(), Arbitraries.strings().all().ofMaxLength(6)), 10),
                Combinators.combine(Arbitraries.of(Commands.all()), commandLike(known(), 3))
                        .as((d, rest) -> d.name() + " " + rest));
    }

    /** Words the grammar knows, near misses, quotes of every kind, odd characters. */
    static Arbitrary<String> known() {
        return Arbitraries.of("status", "incidents", "ack", "mute", "unmute", "escalate",
                        "resolve", "help", "varde", "/varde", "STATUS", "Mute", "stauts", "hepl",
                        "open", "all", "INC-3", "inc-0", "#12", "12", "-1", "+2", "0", "100",
                        "M-4", "m-0", "1h", "0m", "-5m", "1x", "1.5h", "366d",
                        "99999999999999999999d", "INC-99999999999999999999", "borger-dk",
                        "Borger_DK", "\"", "'", "\u201c", "\u201d", "\u2018", "\u2019", "\\",
                        "\"a b\"", "'a b'", "\t", "\u00a0", "\n", "\r", "\u0000", "\u0085",
                        "\u2028", "\ud83d\ude00", "\ud800", "\u202e", "",
                        "claim", "claims", "trm.dk", "NoName057(16)", "https://t.me/x", "ftp://x", "30d",
                        "31d", "2025-11-12", "2025-02-30");
    }

    /** Fragments joined by spaces or run together. */
    static Arbitrary<String> commandLike(Arbitrary<String> fragments, int maxWords) {
        Arbitrary<String> separators = Arbitraries.of(" ", " ", " ", "", "  ");
        return Combinators.combine(fragments, separators).as((f, s) -> f + s)
                .list().ofMaxSize(maxWords).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<Command> commands() {
        Arbitrary<Long> incident = Arbitraries.longs().between(1, 999_999_999_999_999_999L);
        Arbitrary<String> target = targetIds();
        Arbitrary<Duration> duration = Arbitraries.longs()
                .between(1, ArgumentReader.LONGEST.toMillis()).map(Duration::ofMillis);
        Arbitrary<String> note = notes();
        Arbitrary<OptionalInt> level = Arbitraries.integers().between(1, ArgumentReader.MAX_LEVEL)
                .map(OptionalInt::of).injectNull(0.3).map(l -> l == null ? OptionalInt.empty() : l);
        return Arbitraries.oneOf(
                target.injectNull(0.3).map(t -> new Command.Status(Optional.ofNullable(t), Optional.empty())),
                Arbitraries.of(true, false).map(Command.Incidents::new),
                incident.map(Command.Ack::new),
                Combinators.combine(Arbitraries.oneOf(
                                incident.map(MuteScope.OfIncident::new),
                                target.map(MuteScope.OfTarget::new)), duration, note)
                        .as(Command.Mute::new),
                Arbitraries.oneOf(incident.map(n -> "M-" + n), target).map(Command.Unmute::new),
                Combinators.combine(incident, level, note).as(Command.Escalate::new)
                        .filter(e -> e.level().isPresent() || !startsWithLevel(e.note())),
                Combinators.combine(incident, note).as(Command.Resolve::new),
                Arbitraries.of(Commands.all()).map(CommandDefinition::name).injectNull(0.3)
                        .map(n -> new Command.Help(Optional.ofNullable(n))),
                Combinators.combine(words().filter(w -> !w.isBlank()),
                                words().filter(w -> !IntelArguments.looksLikeUrl(w)).map(String::strip),
                                Arbitraries.of("", "https://t.me/noname05716/1234", "HTTP://børger.dk/x?y=1"))
                        .as(Command.Claim::new),
                Arbitraries.longs().between(1, IntelArguments.LONGEST_BACK.toMillis())
                        .map(ms -> Command.Claims.back(Duration.ofMillis(ms))),
                Arbitraries.integers().between(0, 20_000)
                        .map(d -> Command.Claims.from(java.time.LocalDate.of(2000, 1, 1).plusDays(d))));
    }

    /** Free words (a claim's host or actor): printable text with quotes of both kinds and spaces. */
    static Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("æøå€\u00a0").ofMaxLength(40);
    }

    /** Target ids and host-name aliases that do not read as incident or mute ids. */
    static Arbitrary<String> targetIds() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-.")
                .ofMinLength(1).ofMaxLength(30)
                .filter(id -> Character.isLetterOrDigit(id.charAt(0)))
                .filter(id -> !id.matches("\\d+|inc-.*|m-\\d+"));
    }

    /** Notes and reasons: printable text, quotes and non-ASCII letters, no surrounding space. */
    static Arbitrary<String> notes() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("æøåÆØÅ€…«»\u00a0")
                .ofMaxLength(120).map(s -> new Tokenizer(s).rest());
    }

    /** True when the note's first word would be read as a level. */
    private static boolean startsWithLevel(String note) {
        return new Tokenizer(note).peek().filter(w -> LEVEL_LIKE.matcher(w).matches()).isPresent();
    }
}
