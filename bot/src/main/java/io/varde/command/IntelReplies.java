package io.varde.command;

import io.varde.check.Target;
import io.varde.core.Card;
import io.varde.core.Card.Field;
import io.varde.core.Severity;
import io.varde.incident.Actor;
import io.varde.incident.IncidentCards;
import io.varde.intel.ClaimMatch;
import io.varde.intel.ClaimSource;
import io.varde.intel.HostName;
import io.varde.intel.IntelIntake;
import io.varde.intel.RawClaim;
import io.varde.intel.StoredClaim;
import io.varde.intel.TaskListSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers to {@code claim} (a responder's claim, recorded through the {@link Intel} port and
 * shown in the channel) and {@code claims} (recent intel, for the caller). Without the port both
 * say that threat intel is not enabled.
 */
final class IntelReplies {

    private static final Logger log = LoggerFactory.getLogger(IntelReplies.class);

    /** Claims, and task lists, listed before "and N more". */
    static final int MAX_ITEMS = 20;
    /** Hosts of one claim shown before "+N more". */
    static final int MAX_HOSTS = 5;
    /** Target ids of one claim or task list shown before "+N more". */
    static final int MAX_IDS = 10;
    /** How many of each are read to count those not listed; a full read says "at least". */
    static final int FETCH = 500;
    /** A claim whose claimed time is this far from when Varde learnt of it says both. */
    private static final Duration LAG_SHOWN = Duration.ofMinutes(1);

    private final Optional<Intel> intel;
    private final Supplier<Collection<Target>> targets;

    IntelReplies(Optional<Intel> intel, Supplier<Collection<Target>> targets) {
        this.intel = intel;
        this.targets = targets;
    }

    /**
     * Records {@code command} as a {@link ClaimSource#MANUAL} claim by {@code by}, claimed and
     * observed {@code now}. A target id or alias stands for the target's host. A word with
     * neither a dot nor a colon that names no target is refused: it is a mistyped target id far
     * more often than a host name, and would be recorded hitting nothing.
     *
     * @param text the command as typed, kept as the claim's text
     */
    Reply claim(Command.Claim command, Actor by, String text, Instant now) {
        if (intel.isEmpty()) {
            return notEnabled();
        }
        String usage = Commands.of(command).usage();
        Optional<Target> target = targets.get().stream().filter(t -> t.answersTo(command.host())).findFirst();
        String host = target.map(Target::host).orElse(command.host());
        if (target.isEmpty() && host.indexOf('.') < 0 && host.indexOf(':') < 0) {
            return Reply.error("no target " + ArgumentReader.show(host)
                    + ", and a host name needs a dot", usage);
        }
        RawClaim raw = new RawClaim(ClaimSource.MANUAL, by.describe(), "", command.actor(), now, now,
                List.of(host), List.of(), command.link().isEmpty() ? List.of() : List.of(command.link()), text);
        IntelIntake.Receipt receipt = intel.get().claim(raw);
        if (receipt.claim().isEmpty()) {
            return Reply.error("cannot read " + ArgumentReader.show(host) + " as a host: "
                    + why(receipt.refused(), host), usage);
        }
        StoredClaim stored = receipt.claim().get();
        log.info("event=manual_claim claim={} hosts={} actor=\"{}\" by=\"{}\" targets={}", stored.ref(),
                hosts(stored.claim().hosts()), stored.claim().actor(), by.describe(), stored.targetIds());
        return Reply.to(command, recorded(stored, by));
    }

    private static Card recorded(StoredClaim stored, Actor by) {
        io.varde.intel.Claim claim = stored.claim();
        List<Field> fields = List.of(
                new Field("Claimed host", hosts(claim.hosts())),
                new Field("Actor", claim.actorOrUnknown()),
                new Field("Link", claim.links().isEmpty() ? "none" : String.join(" ", claim.links())),
                new Field("Targets", stored.matches().isEmpty() ? "hits no monitored target"
                        : String.join("; ", stored.matches().stream()
                                .map(m -> m.targetId() + ": " + m.detail()).toList())));
        List<String> lines = new ArrayList<>();
        if (!claim.paths().isEmpty()) {
            lines.add("attacked paths: " + String.join(" ", claim.paths()));
        }
        lines.add("reported by " + by.describe());
        Severity severity = stored.matches().isEmpty() ? Severity.INFO : Severity.WARNING;
        return new Card("Claim " + stored.ref() + " recorded", severity, fields, lines, List.of());
    }

    /** The reason the intake gave for {@code host}, without the field it repeats. */
    private static String why(List<String> refused, String host) {
        if (refused.isEmpty()) {
            return "not a host name";
        }
        String first = refused.get(0);
        return first.startsWith(host + ": ") ? first.substring(host.length() + 2) : first;
    }

    /**
     * Claims and task lists observed since the command's start, newest first. A day must lie
     * within {@link ArgumentReader#LONGEST_BACK} of today and not after it.
     */
    Reply claims(Command.Claims command, Instant now) {
        if (intel.isEmpty()) {
            return notEnabled();
        }
        if (command.day().isPresent()) {
            LocalDate day = command.day().get();
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            String usage = Commands.of(command).usage();
            if (day.isAfter(today)) {
                return Reply.error(day + " is in the future", usage);
            }
            if (day.isBefore(today.minusDays(IntelArguments.LONGEST_BACK.toDays()))) {
                return Reply.error(day + " is too long ago (at most "
                        + Words.duration(IntelArguments.LONGEST_BACK) + " back)", usage);
            }
        }
        Instant since = command.since(now);
        IntelIntake.Recent recent = intel.get().recent(since, FETCH);
        String from = IncidentCards.time(since);
        if (recent.claims().isEmpty() && recent.taskLists().isEmpty()) {
            return Reply.to(command, Card.of("No claims or task lists since " + from, Severity.INFO, List.of()));
        }
        List<String> lines = new ArrayList<>();
        recent.claims().stream().limit(MAX_ITEMS).map(IntelReplies::line).forEach(lines::add);
        more(recent.claims().size(), "claims").ifPresent(lines::add);
        recent.taskLists().stream().limit(MAX_ITEMS).map(IntelReplies::line).forEach(lines::add);
        more(recent.taskLists().size(), "task lists").ifPresent(lines::add);
        List<String> counts = new ArrayList<>();
        if (!recent.claims().isEmpty()) {
            counts.add(read(recent.claims().size(), "claim", "claims"));
        }
        if (!recent.taskLists().isEmpty()) {
            counts.add(read(recent.taskLists().size(), "task list", "task lists"));
        }
        String title = String.join(" and ", counts) + " since " + from;
        return Reply.to(command, Card.of(title, Severity.INFO, lines));
    }

    /** e.g. {@code 2025-11-13 08:10 UTC C-3 manual alice (slack) · NoName057(16) · www.trm.dk · hits trm-dk}. */
    static String line(StoredClaim stored) {
        io.varde.intel.Claim c = stored.claim();
        StringBuilder sb = new StringBuilder(IncidentCards.time(c.observedAt())).append(' ')
                .append(stored.ref()).append(' ').append(c.source().word()).append(' ').append(c.sourceName())
                .append(" · ").append(c.actorOrUnknown())
                .append(" · ").append(hosts(c.hosts()))
                .append(" · ").append(stored.matches().isEmpty() ? "no monitored target"
                        : "hits " + ids(stored.targetIds()));
        if (Duration.between(c.claimedAt(), c.observedAt()).abs().compareTo(LAG_SHOWN) >= 0) {
            sb.append(" · claimed ").append(IncidentCards.time(c.claimedAt()));
        }
        return sb.toString();
    }

    /** e.g. {@code 2025-11-13 08:00 UTC task list ddosia · 120 tasks · tasks 2 monitored targets: a, b}. */
    static String line(TaskListSnapshot list) {
        List<String> ids = list.matches().stream().map(ClaimMatch::targetId).toList();
        return IncidentCards.time(list.observedAt()) + " task list " + list.source()
                + " · " + plural(list.tasks(), "task", "tasks")
                + " · " + (ids.isEmpty() ? "no monitored target tasked"
                : "tasks " + plural(ids.size(), "monitored target", "monitored targets") + ": " + ids(ids));
    }

    private static String hosts(List<HostName> hosts) {
        return firstOf(hosts.stream().map(HostName::host).toList(), MAX_HOSTS);
    }

    private static String ids(List<String> ids) {
        return firstOf(ids, MAX_IDS);
    }

    /** The first {@code max} of {@code items}, comma-separated, then {@code +N more}. */
    private static String firstOf(List<String> items, int max) {
        String shown = String.join(", ", items.subList(0, Math.min(max, items.size())));
        return items.size() > max ? shown + " +" + (items.size() - max) + " more" : shown;
    }

    /** The line for what was read beyond {@link #MAX_ITEMS}, when anything was. */
    private static Optional<String> more(int read, String what) {
        if (read <= MAX_ITEMS) {
            return Optional.empty();
        }
        return Optional.of("and " + (read >= FETCH ? "at least " : "") + (read - MAX_ITEMS) + " more " + what);
    }

    /** How many were read: "at least" when the read was full. */
    private static String read(int n, String one, String many) {
        return (n >= FETCH ? "at least " : "") + plural(n, one, many);
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static Reply notEnabled() {
        return new Reply(Card.of("threat intel is not enabled", Severity.WARNING, List.of()),
                Reply.Visibility.CALLER, false);
    }
}
