package io.varde.notify;

import io.varde.incident.OutboxMessage;
import io.varde.notify.OutboxStore.Pending;
import io.varde.notify.OutboxStore.Settlement;
import io.varde.notify.OutboxStore.Settlement.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to send for one lane (one incident's pending messages in one channel) at a given time,
 * and what becomes of each message once it is sent. Pure.
 * <ul>
 * <li><b>First post.</b> An incident not yet posted in the channel gets its oldest message
 *     posted, alone: the first post is never skipped. Unless the lane holds a change that need
 *     not reach a channel where the incident was never posted (a site rolled up into a campaign
 *     during its group wait): then it and everything before it are withdrawn, and nothing is
 *     sent.</li>
 * <li><b>Coalesced edits.</b> Otherwise the newest card is sent as the edit of the living
 *     message; the older revisions are superseded (the timeline keeps them).</li>
 * <li><b>Lines when due.</b> The lines of the revisions whose time has come go with it as one
 *     reply, member changes told as one digest per kind ({@code 12 more sites DOWN: a, b, c, d,
 *     e, ... +7}). A line not due yet stays queued (its card shown) until its digest slot ends;
 *     then it goes alone if no edit takes it along. A line told at once (a human action, the
 *     resolution) takes every waiting line along, so the thread keeps the order of events.</li>
 * <li><b>Edit budget.</b> A lane whose due lines are only member changes (or none) is edited at
 *     most every {@code editInterval}, so a campaign that gains a site a second costs one edit
 *     per interval, not one per site. Human actions, escalations and the resolution go at once.</li>
 * </ul>
 *
 * @param delivery  what to send; null when nothing is (see {@code settlements})
 * @param settlements what becomes of the lane's messages once {@code delivery} is sent, or at
 *                  once when it is null (a withdrawal); empty when the lane must wait
 */
public record LanePlan(Delivery delivery, List<Settlement> settlements) {

    /** How many site names a digest names before "... +N". */
    static final int NAMES = 5;

    private static final LanePlan WAIT = new LanePlan(null, List.of());

    public LanePlan {
        settlements = List.copyOf(settlements);
    }

    /** True when nothing can be done for the lane now. */
    public boolean waits() {
        return delivery == null && settlements.isEmpty();
    }

    /**
     * @param lane         the lane's pending messages in id order, not empty
     * @param destination  the channel without its prefix
     * @param ref          the incident's message in the channel, or null when not posted yet
     * @param lastSent     when this lane was last sent to, or null
     * @param editInterval the edit budget (zero: no budget)
     */
    public static LanePlan of(List<Pending> lane, String destination, String ref, Instant now, Instant lastSent,
                              Duration editInterval) {
        if (lane.stream().noneMatch(p -> p.dueAt(now))) {
            return WAIT;
        }
        if (ref == null) {
            return firstPost(lane, destination, now);
        }
        Pending card = null;
        for (Pending p : lane) {
            if (!p.cardShown()) {
                card = p;
            }
        }
        boolean urgentLine = lane.stream().anyMatch(p -> p.lineDueAt(now) && toldAtOnce(p));
        // A line told at once takes the waiting digest along, so the thread keeps the order of
        // events (the sites back UP before "resolved"), not the order of their slots.
        Set<Pending> due = new HashSet<>(urgentLine ? lane : lane.stream().filter(p -> p.lineDueAt(now)).toList());
        List<Pending> dueInOrder = lane.stream().filter(due::contains).toList();
        List<String> lines = lines(dueInOrder);
        Set<String> mentions = new LinkedHashSet<>();
        dueInOrder.forEach(p -> mentions.addAll(p.message().mentions()));
        if (card == null && lines.isEmpty() && mentions.isEmpty()) {
            return WAIT;
        }
        if (!urgentLine && lastSent != null && lastSent.plus(editInterval).isAfter(now)) {
            return WAIT;
        }
        Pending shown = card != null ? card : lane.get(lane.size() - 1);
        Delivery delivery = new Delivery(shown.message(), destination, ref, lines, List.copyOf(mentions), card != null);
        List<Settlement> out = new ArrayList<>();
        String by = "r" + shown.message().revision();
        for (Pending p : lane) {
            boolean lineDue = due.contains(p);
            String waits = "; its line waits for the thread digest at " + p.message().pacing().replyAt();
            Settlement s;
            if (p == card) {
                s = lineDue ? new Settlement(id(p), p.attempts(), Result.SENT, "")
                        : new Settlement(id(p), p.attempts(), Result.SHOWN, "card shown" + waits);
            } else if (!p.cardShown()) {
                s = lineDue ? new Settlement(id(p), p.attempts(), Result.SUPERSEDED, "superseded by " + by
                        + (p.message().change().isBlank() ? "" : ", its line sent with it"))
                        : new Settlement(id(p), p.attempts(), Result.SHOWN, "card superseded by " + by + waits);
            } else if (lineDue) {
                s = new Settlement(id(p), p.attempts(), Result.SENT, "line sent with " + by);
            } else {
                continue;
            }
            out.add(s);
        }
        return new LanePlan(delivery, out);
    }

    private static LanePlan firstPost(List<Pending> lane, String destination, Instant now) {
        int last = -1;
        for (int i = 0; i < lane.size(); i++) {
            if (lane.get(i).message().pacing().ifAnnounced()) {
                last = i;
            }
        }
        if (last >= 0) {
            String why = "withdrawn before it was announced here: " + lane.get(last).message().change();
            List<Settlement> out = new ArrayList<>();
            for (Pending p : lane.subList(0, last + 1)) {
                out.add(new Settlement(id(p), p.attempts(), Result.SUPERSEDED, why));
            }
            return new LanePlan(null, out);
        }
        Pending first = lane.get(0);
        if (!first.dueAt(now)) {
            return WAIT;
        }
        return new LanePlan(new Delivery(first.message(), destination, null),
                List.of(new Settlement(id(first), first.attempts(), Result.SENT, "")));
    }

    /** True for a line that goes at once, whatever the edit budget: anything but a member change. */
    private static boolean toldAtOnce(Pending p) {
        OutboxMessage m = p.message();
        return m.pacing().member() == null && (!m.change().isBlank() || !m.mentions().isEmpty());
    }

    /**
     * The lines of {@code due}, in order: a line as it is, or, for member changes, one digest
     * per state where the first of its kind was (a kind with one change keeps its own line).
     */
    static List<String> lines(List<Pending> due) {
        Map<String, List<OutboxMessage>> digests = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>();
        for (Pending p : due) {
            OutboxMessage m = p.message();
            OutboxMessage.Member member = m.pacing().member();
            if (member == null) {
                if (!m.change().isBlank()) {
                    order.add(m.change());
                }
                continue;
            }
            List<OutboxMessage> kind = digests.get(member.state());
            if (kind == null) {
                kind = new ArrayList<>();
                digests.put(member.state(), kind);
                order.add(kind);
            }
            kind.add(m);
        }
        List<String> out = new ArrayList<>();
        for (Object o : order) {
            if (o instanceof String line) {
                out.add(line);
            } else {
                @SuppressWarnings("unchecked")
                List<OutboxMessage> kind = (List<OutboxMessage>) o;
                out.add(kind.size() == 1 ? kind.get(0).change() : digest(kind));
            }
        }
        return out;
    }

    /** e.g. {@code 12 more sites DOWN: a, b, c, d, e, ... +7} or {@code 3 sites back UP: x, y, z}. */
    static String digest(List<OutboxMessage> changes) {
        Set<String> names = new LinkedHashSet<>();
        changes.forEach(m -> names.add(m.pacing().member().name()));
        String state = changes.get(0).pacing().member().state();
        int n = names.size();
        String sites = n == 1 ? " site " : " sites ";
        String head = state.equals("DOWN") ? n + " more" + sites + "DOWN" : n + sites + state;
        List<String> shown = names.stream().limit(NAMES).toList();
        return head + ": " + String.join(", ", shown) + (n > NAMES ? ", ... +" + (n - NAMES) : "");
    }

    private static long id(Pending p) {
        return p.message().id();
    }
}
