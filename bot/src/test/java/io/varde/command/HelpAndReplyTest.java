package io.varde.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.varde.command.Reply.Visibility;
import io.varde.core.Card;
import io.varde.core.Severity;
import io.varde.incident.Role;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Usage lines, help generated from the table, and the reply model. */
class HelpAndReplyTest {

    static Stream<Arguments> usages() {
        return Stream.of(
                argumentSet("status", "status", "status [target|label=value]"),
                argumentSet("incidents", "incidents", "incidents [open|all]"),
                argumentSet("claims", "claims", "claims [since]"),
                argumentSet("ack", "ack", "ack <incident>"),
                argumentSet("claim", "claim", "claim <host|target> [actor] [link]"),
                argumentSet("mute", "mute", "mute <incident|target|label=value> <duration> [reason]"),
                argumentSet("unmute", "unmute", "unmute <mute-id|target>"),
                argumentSet("escalate", "escalate", "escalate <incident> [level] [note]"),
                argumentSet("resolve", "resolve", "resolve <incident> [note]"),
                argumentSet("help", "help", "help [command]"));
    }

    @ParameterizedTest
    @MethodSource("usages")
    void eachCommandHasAUsageLine(String name, String usage) {
        assertThat(Commands.named(name)).map(CommandDefinition::usage).contains(usage);
    }

    @Test
    void theTableHoldsExactlyTheDocumentedCommands() {
        assertThat(Commands.all()).extracting(CommandDefinition::name)
                .containsExactly("status", "incidents", "claims", "ack", "claim", "mute", "unmute",
                        "escalate", "resolve", "help");
        assertThat(Commands.list())
                .isEqualTo("status, incidents, claims, ack, claim, mute, unmute, escalate, resolve, help");
    }

    @Test
    void helpListsEveryCommandWithUsageSummaryAndWhoMayRunIt() {
        Reply help = Reply.help(Optional.empty());

        assertThat(help.visibility()).isEqualTo(Visibility.CALLER);
        assertThat(help.card().title()).isEqualTo("Varde commands");
        assertThat(help.card().lines()).contains(
                "status [target|label=value] — what is down or degraded now, for all targets, one, "
                        + "or those matching labels (viewers, responders and leads)",
                "ack <incident> — acknowledge: you are on it, and escalation stops "
                        + "(responders and leads)",
                "resolve <incident> [note] — close an incident by hand (leads)");
        for (CommandDefinition d : Commands.all()) {
            assertThat(help.card().lines()).as(d.name())
                    .anyMatch(line -> line.startsWith(d.usage() + " — " + d.summary()));
        }
        assertThat(help.card().lines()).hasSize(Commands.all().size() + 1);
    }

    @Test
    void helpOnOneCommandShowsItsUsageAndRole() {
        Reply help = Reply.help(Optional.of("mute"));

        assertThat(help.card().title())
                .isEqualTo("mute <incident|target|label=value> <duration> [reason]");
        assertThat(help.card().lines()).containsExactly(
                "silence alerts for a while; they are still recorded", "who may run it: leads");
    }

    @Test
    void parsedHelpCommandBuildsTheSameReply() {
        ParseResult parsed = CommandParser.parse("help escalate");

        assertThat(parsed).isInstanceOf(ParseResult.Parsed.class);
        Command.Help help = (Command.Help) ((ParseResult.Parsed) parsed).command();
        assertThat(Reply.help(help.command()).card().title())
                .isEqualTo("escalate <incident> [level] [note]");
    }

    @Test
    void errorReplyGoesToTheCallerWithReasonAndUsage() {
        Reply reply = ((ParseResult.Invalid) CommandParser.parse("ack")).toReply();

        assertThat(reply).isEqualTo(new Reply(new Card("ack: missing incident id", Severity.WARNING,
                List.of(new Card.Field("usage", "ack <incident>")), List.of(), List.of()),
                Visibility.CALLER, false));
    }

    @Test
    void unknownCommandReplyListsTheCommands() {
        Reply reply = ((ParseResult.Invalid) CommandParser.parse("stauts")).toReply();

        assertThat(reply.card().fields()).containsExactly(new Card.Field("commands",
                "status, incidents, claims, ack, claim, mute, unmute, escalate, resolve, help"));
    }

    @Test
    void deniedReplySaysWhichRoleIsNeeded() {
        Reply reply = Reply.denied(new Command.Resolve(3, ""), Role.LEAD);

        assertThat(reply.visibility()).isEqualTo(Visibility.CALLER);
        assertThat(reply.card().title()).isEqualTo("resolve needs the lead role");
        assertThat(reply.card().lines()).containsExactly("who may run it: leads");
    }

    static Stream<Arguments> visibilities() {
        return Stream.of(
                argumentSet("status is a query", Command.Status.all(), Visibility.CALLER),
                argumentSet("incidents is a query", new Command.Incidents(true), Visibility.CALLER),
                argumentSet("help is a query", new Command.Help(Optional.empty()), Visibility.CALLER),
                argumentSet("claims is a query", Command.Claims.back(Duration.ofHours(2)), Visibility.CALLER),
                argumentSet("claim is an action", new Command.Claim("trm.dk", "", ""), Visibility.CHANNEL),
                argumentSet("ack is an action", new Command.Ack(1), Visibility.CHANNEL),
                argumentSet("escalate is an action",
                        new Command.Escalate(1, OptionalInt.empty(), ""), Visibility.CHANNEL),
                argumentSet("unmute is an action", new Command.Unmute("M-1"), Visibility.CHANNEL));
    }

    @ParameterizedTest
    @MethodSource("visibilities")
    void queriesAnswerTheCallerAndActionsTheChannel(Command command, Visibility expected) {
        Card card = Card.of("done", Severity.INFO, List.of());

        assertThat(Reply.to(command, card)).isEqualTo(new Reply(card, expected));
    }
}
