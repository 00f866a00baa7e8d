package io.varde.command;

import io.varde.check.Target;
import io.varde.core.Card;
import io.varde.core.Severity;
import io.varde.detect.TargetReport;
import io.varde.incident.ActionResult;
import io.varde.incident.IncidentService;
import io.varde.incident.MuteScope;
import io.varde.incident.Role;
import io.varde.incident.Team;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Runs commands from any platform: parse, check the sender's role (a refusal on an incident is
 * written to its timeline), execute against incidents, status and threat intel, and reply.
 * Never throws for bad input: every outcome is a {@link Reply}.
 */
public final class CommandExecutor {

    private final IncidentService incidents;
    private final StatusReplies status;
    private final IntelReplies intel;
    private final Team team;
    private final Clock clock;

    /**
     * An executor without threat intel: {@code claim} and {@code claims} answer that it is not
     * enabled.
     *
     * @param reports the current target reports at a given time (the status board)
     */
    public CommandExecutor(IncidentService incidents, Function<Instant, List<TargetReport>> reports,
                           Team team, Clock clock) {
        this(incidents, reports, team, Optional.empty(), clock);
    }

    /**
     * @param reports the current target reports at a given time (the status board)
     * @param intel   threat intel for {@code claim} and {@code claims}; empty when not enabled
     */
    public CommandExecutor(IncidentService incidents, Function<Instant, List<TargetReport>> reports,
                           Team team, Optional<Intel> intel, Clock clock) {
        this.incidents = incidents;
        this.status = new StatusReplies(incidents, reports, intel);
        this.intel = new IntelReplies(intel, () -> incidents.targets().values());
        this.team = team;
        this.clock = clock;
    }

    public Reply execute(CommandRequest request) {
        ParseResult parsed = CommandParser.parse(request.text());
        if (parsed instanceof ParseResult.Invalid invalid) {
            return invalid.toReply();
        }
        Command command = ((ParseResult.Parsed) parsed).command();
        Instant now = clock.instant();
        Role role = team.roleOf(request.actor(), request.groups());
        Optional<Role> missing = Permissions.missing(command, role);
        if (missing.isPresent()) {
            incidentOf(command).ifPresent(n -> incidents.denied(n, request.actor(),
                    command.toText(), missing.get(), now));
            return Reply.denied(command, missing.get());
        }
        return run(command, request, now);
    }

    private Reply run(Command command, CommandRequest request, Instant now) {
        if (command instanceof Command.Status s) {
            return status.status(s, now);
        } else if (command instanceof Command.Incidents i) {
            return status.incidents(i, now);
        } else if (command instanceof Command.Claims c) {
            return intel.claims(c, now);
        } else if (command instanceof Command.Help h) {
            return Reply.help(h.command());
        } else if (command instanceof Command.Claim c) {
            return intel.claim(c, request.actor(), request.text(), now);
        } else if (command instanceof Command.Ack a) {
            return acted(command, incidents.ack(a.incident(), request.actor(), now));
        } else if (command instanceof Command.Mute m) {
            MuteScope scope = m.scope() instanceof MuteScope.OfTarget t
                    ? new MuteScope.OfTarget(targetId(t.targetId())) : m.scope();
            return acted(command, incidents.mute(scope, m.duration(), m.reason(), request.actor(), now));
        } else if (command instanceof Command.Unmute u) {
            return acted(command, incidents.unmute(targetId(u.ref()), request.actor(), now));
        } else if (command instanceof Command.Escalate e) {
            return acted(command, incidents.escalate(e.incident(), e.level(), e.note(), request.actor(), now));
        } else if (command instanceof Command.Resolve r) {
            return acted(command, incidents.resolve(r.incident(), r.note(), request.actor(), now));
        }
        throw new IllegalStateException("no executor for " + command);
    }

    /** The id of the target {@code ref} names by id or alias; {@code ref} itself when none does. */
    private String targetId(String ref) {
        for (Target t : incidents.targets().values()) {
            if (t.answersTo(ref)) {
                return t.id();
            }
        }
        return ref;
    }

    /** A done action is shown in the channel; a refused one only to the caller, with the usage. */
    private static Reply acted(Command command, ActionResult result) {
        if (!result.ok()) {
            return Reply.error(result.message(), Commands.of(command).usage());
        }
        return Reply.to(command, Card.of(result.message(), Severity.INFO, List.of()));
    }

    private static OptionalLong incidentOf(Command command) {
        if (command instanceof Command.Ack a) {
            return OptionalLong.of(a.incident());
        } else if (command instanceof Command.Escalate e) {
            return OptionalLong.of(e.incident());
        } else if (command instanceof Command.Resolve r) {
            return OptionalLong.of(r.incident());
        } else if (command instanceof Command.Mute m && m.scope() instanceof MuteScope.OfIncident i) {
            return OptionalLong.of(i.number());
        }
        return OptionalLong.empty();
    }
}
