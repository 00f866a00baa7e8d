package io.varde.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.varde.command.Command.Ack;
import io.varde.command.Command.Escalate;
import io.varde.command.Command.Help;
import io.varde.command.Command.Incidents;
import io.varde.command.Command.Mute;
import io.varde.command.Command.Resolve;
import io.varde.command.Command.Status;
import io.varde.command.Command.Unmute;
import io.varde.incident.MuteScope;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The grammar as a table: words in, exact command or exact error out. Cases with label matchers
 * are in {@link CommandParserMatchersTest}.
 */
class CommandParserTest {

    private static final String LIST = "status, incidents, claims, ack, claim, mute, unmute, escalate, resolve, help";
    private static final String ACK = "ack <incident>";
    private static final String MUTE = "mute <incident|target|label=value> <duration> [reason]";
    private static final String UNMUTE = "unmute <mute-id|target>";
    private static final String ESCALATE = "escalate <incident> [level] [note]";

    static Stream<Arguments> valid() {
        return Stream.of(
                argumentSet("status of everything", "status", Status.all()),
                argumentSet("command names ignore case", "STATUS", Status.all()),
                argumentSet("status of one target", "status borger-dk", target("borger-dk")),
                argumentSet("target ids are lower-cased", "status Borger-DK", target("borger-dk")),
                argumentSet("slash prefix tolerated", "/varde status", Status.all()),
                argumentSet("prefix in any case", "/VARDE Status", Status.all()),
                argumentSet("no-break space from a chat client", "status\u00a0borger-dk",
                        target("borger-dk")),
                argumentSet("incidents default to open", "varde incidents", new Incidents(false)),
                argumentSet("incidents open", "incidents open", new Incidents(false)),
                argumentSet("incidents all, any case", "incidents ALL", new Incidents(true)),
                argumentSet("ack INC-n", "ack INC-12", new Ack(12)),
                argumentSet("ack lower-case inc-n", "ack inc-12", new Ack(12)),
                argumentSet("ack #n", "ack #12", new Ack(12)),
                argumentSet("ack bare number", "ack 12", new Ack(12)),
                argumentSet("leading zeros and extra spaces", "  ack   INC-007  ", new Ack(7)),
                argumentSet("tab counts as a space", "ack\tINC-3", new Ack(3)),
                argumentSet("smart quotes around an id", "ack \u201cINC-3\u201d", new Ack(3)),
                argumentSet("straight quotes around an id", "ack \"INC-5\"", new Ack(5)),
                argumentSet("mute incident, no reason", "mute INC-3 1h",
                        new Mute(new MuteScope.OfIncident(3), hours(1), "")),
                argumentSet("mute #n with reason", "mute #3 30m planned maintenance",
                        new Mute(new MuteScope.OfIncident(3), Duration.ofMinutes(30),
                                "planned maintenance")),
                argumentSet("reason kept verbatim", "mute borger-dk 2d DDoS   wave \"two\"",
                        new Mute(new MuteScope.OfTarget("borger-dk"), Duration.ofDays(2),
                                "DDoS   wave \"two\"")),
                argumentSet("compound duration", "mute borger-dk 1h30m",
                        new Mute(new MuteScope.OfTarget("borger-dk"), Duration.ofMinutes(90), "")),
                argumentSet("fractional duration", "mute borger-dk 1.5h",
                        new Mute(new MuteScope.OfTarget("borger-dk"), Duration.ofMinutes(90), "")),
                argumentSet("smart quotes in target and reason",
                        "mute \u2018borger-dk\u2019 1h it\u2019s planned",
                        new Mute(new MuteScope.OfTarget("borger-dk"), hours(1), "it's planned")),
                argumentSet("the longest mute", "Mute BORGER-DK 365d",
                        new Mute(new MuteScope.OfTarget("borger-dk"), Duration.ofDays(365), "")),
                argumentSet("a second duration is part of the reason", "mute INC-3 1h 30m",
                        new Mute(new MuteScope.OfIncident(3), hours(1), "30m")),
                argumentSet("unmute by mute id", "unmute M-4", new Unmute("M-4")),
                argumentSet("mute id in lower case", "unmute m-4", new Unmute("M-4")),
                argumentSet("unmute a target", "unmute borger-dk", new Unmute("borger-dk")),
                argumentSet("escalate to the next level", "escalate INC-3",
                        new Escalate(3, OptionalInt.empty(), "")),
                argumentSet("escalate to a level", "escalate INC-3 2",
                        new Escalate(3, OptionalInt.of(2), "")),
                argumentSet("escalate with level and note", "escalate #3 2 call the minister",
                        new Escalate(3, OptionalInt.of(2), "call the minister")),
                argumentSet("escalate with a note only", "escalate 3 minister asked",
                        new Escalate(3, OptionalInt.empty(), "minister asked")),
                argumentSet("note starting with an apostrophe", "escalate 3 'tis bad",
                        new Escalate(3, OptionalInt.empty(), "'tis bad")),
                argumentSet("resolve without note", "resolve INC-3", new Resolve(3, "")),
                argumentSet("resolve with note", "resolve INC-3 back since 14:02, cache purged",
                        new Resolve(3, "back since 14:02, cache purged")),
                argumentSet("help", "help", new Help(Optional.empty())),
                argumentSet("help on one command, any case", "help MUTE", new Help(Optional.of("mute"))),
                argumentSet("help with prefix", "varde help ack", new Help(Optional.of("ack"))));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesValidInput(String text, Command expected) {
        assertThat(CommandParser.parse(text)).isEqualTo(new ParseResult.Parsed(expected));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                argumentSet("empty input", "", "no command given; try help", LIST),
                argumentSet("blank input", "   ", "no command given; try help", LIST),
                argumentSet("only the prefix", "/varde", "no command given; try help", LIST),
                argumentSet("typo with a suggestion", "stauts",
                        "unknown command \"stauts\" (did you mean status?)", LIST),
                argumentSet("extra letter", "mutee INC-3 1h",
                        "unknown command \"mutee\" (did you mean mute?)", LIST),
                argumentSet("nothing close", "frobnicate", "unknown command \"frobnicate\"", LIST),
                argumentSet("long unknown word is cut short", "x".repeat(40),
                        "unknown command \"" + "x".repeat(32) + "…\"", LIST),
                argumentSet("ack without id", "ack", "ack: missing incident id", ACK),
                argumentSet("incident zero", "ack INC-0",
                        "ack: \"INC-0\" is not an incident id (use INC-12)", ACK),
                argumentSet("incident not a number", "ack INC-x",
                        "ack: \"INC-x\" is not an incident id (use INC-12)", ACK),
                argumentSet("incident number too big", "ack INC-99999999999999999999",
                        "ack: \"INC-99999999999999999999\" is not an incident id (use INC-12)", ACK),
                argumentSet("negative incident", "ack -3",
                        "ack: \"-3\" is not an incident id (use INC-12)", ACK),
                argumentSet("ack of two incidents", "ack INC-3 INC-4", "ack: unexpected \"INC-4\"", ACK),
                argumentSet("mute without arguments", "mute", "mute: missing what to mute", MUTE),
                argumentSet("mute without duration", "mute INC-3", "mute: missing duration", MUTE),
                argumentSet("not a duration", "mute INC-3 1x",
                        "mute: \"1x\" is not a duration (use 30m, 1h, 2d)", MUTE),
                argumentSet("duration without unit", "mute INC-3 30",
                        "mute: \"30\" is not a duration (use 30m, 1h, 2d)", MUTE),
                argumentSet("zero duration", "mute INC-3 0m",
                        "mute: the duration must be more than zero, not \"0m\"", MUTE),
                argumentSet("below a millisecond", "mute INC-3 0.1ms",
                        "mute: the duration must be more than zero, not \"0.1ms\"", MUTE),
                argumentSet("negative duration", "mute INC-3 -5m",
                        "mute: \"-5m\" is not a duration (use 30m, 1h, 2d)", MUTE),
                argumentSet("over a year", "mute INC-3 366d",
                        "mute: \"366d\" is too long (at most 365d)", MUTE),
                argumentSet("huge duration that would wrap around", "mute INC-3 99999999999999999999d",
                        "mute: \"99999999999999999999d\" is too long (at most 365d)", MUTE),
                argumentSet("bad target id", "mute Borger_DK 1h",
                        "mute: \"Borger_DK\" is not a target id or label matcher", MUTE),
                argumentSet("bad incident ref", "mute #x 1h",
                        "mute: \"#x\" is not an incident id (use INC-12)", MUTE),
                argumentSet("unclosed quote", "mute \"borger-dk 1h", "mute: unclosed double quote", MUTE),
                argumentSet("unclosed smart quote", "mute \u201cborger-dk 1h",
                        "mute: unclosed double quote", MUTE),
                argumentSet("unmute without argument", "unmute", "unmute: missing mute id or target",
                        UNMUTE),
                argumentSet("mute id zero", "unmute M-0", "unmute: \"M-0\" is not a mute id (use M-4)",
                        UNMUTE),
                argumentSet("unmute an incident", "unmute INC-3",
                        "unmute: give the mute id (M-4, shown when it was set) or a target", UNMUTE),
                argumentSet("unmute with extra words", "unmute M-4 now", "unmute: unexpected \"now\"",
                        UNMUTE),
                argumentSet("escalate without id", "escalate", "escalate: missing incident id", ESCALATE),
                argumentSet("level zero", "escalate INC-3 0",
                        "escalate: \"0\" is not a level (1 to 99)", ESCALATE),
                argumentSet("level too high", "escalate INC-3 100",
                        "escalate: \"100\" is not a level (1 to 99)", ESCALATE),
                argumentSet("negative level", "escalate INC-3 -1 now",
                        "escalate: \"-1\" is not a level (1 to 99)", ESCALATE),
                argumentSet("resolve without id", "resolve", "resolve: missing incident id",
                        "resolve <incident> [note]"),
                argumentSet("incidents filter unknown", "incidents recent",
                        "incidents: \"recent\" is not open or all", "incidents [open|all]"),
                argumentSet("incidents with two filters", "incidents all open",
                        "incidents: unexpected \"open\"", "incidents [open|all]"),
                argumentSet("help on unknown command", "help stauts",
                        "help: unknown command \"stauts\" (did you mean status?)", "help [command]"),
                argumentSet("status of two targets", "status a b", "status: unexpected \"b\"",
                        "status [target|label=value]"),
                argumentSet("status of a bad target id", "status foo_bar",
                        "status: \"foo_bar\" is not a target id or label matcher",
                        "status [target|label=value]"),
                argumentSet("unclosed quote before the name", "\"status", "unclosed double quote", LIST),
                argumentSet("bell character", "ack INC-3\u0007",
                        "control characters and line breaks are not allowed (U+0007 at 10)", LIST),
                argumentSet("two lines", "ack INC-3\nresolve INC-3",
                        "control characters and line breaks are not allowed (U+000A at 10)", LIST),
                argumentSet("too long", "resolve INC-3 " + "x".repeat(1987),
                        "too long: 2,001 characters (at most 2,000)", LIST));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesInvalidInput(String text, String reason, String usage) {
        assertThat(CommandParser.parse(text)).isEqualTo(new ParseResult.Invalid(reason, usage));
    }

    private static Status target(String id) {
        return new Status(Optional.of(id), Optional.empty());
    }

    private static Duration hours(long h) {
        return Duration.ofHours(h);
    }
}
