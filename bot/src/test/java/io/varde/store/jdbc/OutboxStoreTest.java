package io.varde.store.jdbc;

import static io.varde.store.jdbc.Fixtures.T0;
import static io.varde.store.jdbc.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.varde.incident.OutboxMessage;
import io.varde.incident.OutboxMessage.Priority;
import io.varde.notify.OutboxStore;
import io.varde.notify.OutboxStore.Pending;
import io.varde.notify.OutboxStore.Settlement;
import io.varde.store.jdbc.DeliveryLogEntry.Outcome;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcOutboxStore} must do, on H2 and on PostgreSQL. */
class OutboxStoreTest extends OnBothDatabases {

    JdbcIncidentStore incidents;
    JdbcOutboxStore outbox;
    long incident;

    @BeforeEach
    void oneIncident() {
        TestDatabases.clean(db());
        incidents = new JdbcIncidentStore(db());
        outbox = new JdbcOutboxStore(db());
        incident = incidents.inTransaction(tx -> {
            long n = tx.nextIncidentNumber();
            tx.insert(Fixtures.minimal(n, "target:borger-dk"));
            return n;
        });
    }

    /** Queues the messages in one transaction, in order; returns them with their stored ids. */
    List<OutboxMessage> enqueue(OutboxMessage... messages) {
        incidents.inTransaction(tx -> {
            for (OutboxMessage m : messages) {
                tx.enqueue(m);
            }
            return null;
        });
        return pending(100).stream().map(Pending::message).toList();
    }

    List<Pending> pending(int limit) {
        return outbox.pending(limit);
    }

    Optional<String> ref(String channel) {
        return outbox.messageRef(incident, channel);
    }

    @Test
    void pendingIsInQueueOrderWithEveryFieldAndHonoursTheLimit() {
        OutboxMessage a = Fixtures.message(incident, 1, "slack:C1", T0);
        OutboxMessage b = Fixtures.message(incident, 1, "console", t(1));
        OutboxMessage c = Fixtures.message(incident, 2, "slack:C1", t(2));
        List<OutboxMessage> stored = enqueue(a, b, c);

        assertThat(stored).hasSize(3);
        assertThat(stored.get(0).id()).isPositive();
        assertThat(stored).containsExactly(a.withId(stored.get(0).id()), b.withId(stored.get(1).id()),
                c.withId(stored.get(2).id()));
        assertThat(stored.get(1).id()).isGreaterThan(stored.get(0).id());
        assertThat(stored.get(2).id()).isGreaterThan(stored.get(1).id());

        List<Pending> two = pending(2);
        assertThat(two).extracting(p -> p.message().id()).containsExactly(stored.get(0).id(), stored.get(1).id());
        assertThat(two.get(0).attempts()).isZero();
        assertThat(two.get(0).notBefore()).isEqualTo(T0);
    }

    @Test
    void headsAreTheOldestPendingMessageOfEachChannel() {
        List<OutboxMessage> stored = enqueue(Fixtures.message(incident, 1, "slack:C1", T0),
                Fixtures.message(incident, 1, "console", t(1)), Fixtures.message(incident, 2, "slack:C1", t(2)),
                Fixtures.message(incident, 2, "console", t(3)));
        outbox.sent(stored.get(1).id(), t(4), 1, "console:INC-1");

        assertThat(outbox.heads(T0.plusSeconds(3600))).extracting(p -> p.message().id())
                .containsExactly(stored.get(0).id(), stored.get(3).id());
        outbox.failed(stored.get(0).id(), t(5), 1, "HTTP 404");
        assertThat(outbox.heads(T0.plusSeconds(3600))).extracting(p -> p.message().id())
                .containsExactly(stored.get(2).id(), stored.get(3).id());
    }

    /** Another open incident, for messages of several incidents in one channel. */
    long anotherIncident(String key) {
        return incidents.inTransaction(tx -> {
            long n = tx.nextIncidentNumber();
            tx.insert(Fixtures.minimal(n, key));
            return n;
        });
    }

    static OutboxMessage urgent(OutboxMessage m) {
        return new OutboxMessage(m.id(), m.incident(), m.revision(), m.channel(), m.card(), m.change(),
                m.mentions(), m.createdAt(), OutboxMessage.Priority.URGENT);
    }

    @Test
    void headsLetAnUrgentIncidentPassAndKeepEachIncidentInOrder() {
        long site = incident;
        long otherSite = anotherIncident("target:skat-dk");
        long campaign = anotherIncident("campaign:gov");
        List<OutboxMessage> stored = enqueue(Fixtures.message(site, 1, "slack:C1", T0),
                Fixtures.message(otherSite, 1, "slack:C1", t(1)),
                urgent(Fixtures.message(campaign, 1, "slack:C1", t(2))),
                Fixtures.message(site, 2, "slack:C1", t(3)),
                urgent(Fixtures.message(campaign, 2, "slack:C1", t(4))),
                Fixtures.message(site, 1, "console", t(5)));
        assertThat(stored).extracting(OutboxMessage::priority).as("priority read back as written")
                .containsExactly(Priority.NORMAL, Priority.NORMAL, Priority.URGENT, Priority.NORMAL,
                        Priority.URGENT, Priority.NORMAL);

        assertThat(outbox.heads(t(6))).as("per channel the oldest normal and the oldest urgent message")
                .extracting(p -> p.message().id())
                .containsExactly(stored.get(0).id(), stored.get(2).id(), stored.get(5).id());
        assertThat(outbox.lane(campaign, "slack:C1").pending()).as("a lane: one incident in one channel, in order")
                .extracting(p -> p.message().id()).containsExactly(stored.get(2).id(), stored.get(4).id());
        outbox.settle(t(7), "ts-1", List.of(
                new Settlement(stored.get(2).id(), 1, Settlement.Result.SUPERSEDED, "superseded by r2"),
                new Settlement(stored.get(4).id(), 1, Settlement.Result.SENT, "")));
        assertThat(outbox.heads(t(8))).extracting(p -> p.message().id())
                .containsExactly(stored.get(0).id(), stored.get(5).id());
        assertThat(outbox.messageRef(campaign, "slack:C1")).contains("ts-1");
        assertThat(outbox.deliveryLog(stored.get(2).id())).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(DeliveryLogEntry.Outcome.SUPERSEDED));
    }

    @Test
    void aHeldIncidentAndALineNotDueYetAreNotCandidatesButStayQueued() {
        OutboxMessage held = Fixtures.message(incident, 1, "slack:C1", T0);
        held = held.withPacing(new OutboxMessage.Pacing(t(30), T0, null, false));
        long campaign = anotherIncident("campaign:gov");
        OutboxMessage join = urgent(Fixtures.message(campaign, 2, "slack:C1", t(1)))
                .withPacing(new OutboxMessage.Pacing(null, t(30), new OutboxMessage.Member("s1", "DOWN"), false));
        List<OutboxMessage> stored = enqueue(held, join);
        outbox.settle(t(2), "ts-9", List.of(new Settlement(stored.get(1).id(), 1, Settlement.Result.SHOWN,
                "card shown; its line waits")));

        assertThat(outbox.heads(t(29))).as("held for its group wait; card shown, line not due").isEmpty();
        assertThat(outbox.lane(campaign, "slack:C1").messageRef()).isEqualTo("ts-9");
        assertThat(outbox.lane(campaign, "slack:C1").pending()).singleElement().satisfies(p -> {
            assertThat(p.cardShown()).isTrue();
            assertThat(p.message().pacing()).isEqualTo(stored.get(1).pacing());
        });
        assertThat(outbox.heads(t(30))).extracting(p -> p.message().id())
                .containsExactly(stored.get(0).id(), stored.get(1).id());
        assertThat(outbox.deliveryLog(stored.get(1).id())).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(DeliveryLogEntry.Outcome.SHOWN));
    }

    @Test
    void aHoldOfAnyIncidentInTheChannelHoldsItsHead() {
        long campaign = anotherIncident("campaign:gov");
        long site = enqueue(Fixtures.message(incident, 1, "slack:C1", T0)).get(0).id();
        outbox.retry(site, t(1), 1, t(8), "HTTP 429");
        enqueue(urgent(Fixtures.message(campaign, 1, "slack:C1", t(2))),
                Fixtures.message(campaign, 1, "slack:C2", t(2)));

        assertThat(outbox.heads(T0.plusSeconds(3600))).extracting(p -> p.message().incident(), p -> p.message().channel(),
                        Pending::attempts, Pending::notBefore)
                .containsExactly(tuple(incident, "slack:C1", 1, t(8)), tuple(campaign, "slack:C1", 0, t(8)),
                        tuple(campaign, "slack:C2", 0, null));
    }

    @Test
    void aRowQueuedWithoutAPriorityReadsAsNormal() throws SQLException {
        long campaign = anotherIncident("campaign:gov");
        enqueue(urgent(Fixtures.message(campaign, 1, "slack:C1", t(1))));
        try (Connection c = db().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(V3_ENQUEUE)) {
            ps.setString(1, OutboxMessage.key(incident, "slack:C1", 1));
            ps.setLong(2, incident);
            ps.setString(3, "slack:C1");
            ps.setString(4, JsonColumns.card(Fixtures.card("queued before V4")));
            Jdbc.setTime(ps, 5, t(2));
            Jdbc.setTime(ps, 6, t(2));
            ps.executeUpdate();
        }

        assertThat(pending(10)).extracting(p -> p.message().incident(), p -> p.message().priority())
                .containsExactly(tuple(campaign, Priority.URGENT), tuple(incident, Priority.NORMAL));
        assertThat(outbox.heads(T0.plusSeconds(3600))).extracting(p -> p.message().incident())
                .containsExactly(campaign, incident);
    }

    @Test
    void theMigrationLeavesMessagesQueuedBeforeItNormal() throws SQLException {
        HikariDataSource pool = (HikariDataSource) db().dataSource();
        String url = db().postgres()
                ? pool.getJdbcUrl().replaceFirst("/postgres$", "/v3_era")
                : "jdbc:h2:mem:v3_era;DB_CLOSE_DELAY=-1";
        DbSettings settings = new DbSettings(url, pool.getUsername(), pool.getPassword());
        if (db().postgres()) {
            execute(pool, "CREATE DATABASE v3_era");
        }
        try {
            HikariDataSource v3 = new HikariDataSource();
            v3.setJdbcUrl(url);
            v3.setUsername(settings.user());
            v3.setPassword(settings.password());
            try (v3; Connection c = v3.getConnection(); Statement s = c.createStatement()) {
                Flyway.configure().dataSource(v3).locations("classpath:db/migration").target("3").load().migrate();
                s.executeUpdate("INSERT INTO incidents (number, incident_key, kind, title, severity, state, "
                        + "targets_json, labels_json, opened_at, updated_at, route, escalation_level, revision) "
                        + "VALUES (1, 'target:borger-dk', 'OUTAGE', 'down', 'CRITICAL', 'OPEN', '[]', '{}', "
                        + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'default', 0, 1)");
                try (PreparedStatement ps = c.prepareStatement(V3_ENQUEUE)) {
                    ps.setString(1, OutboxMessage.key(1, "slack:C1", 1));
                    ps.setLong(2, 1);
                    ps.setString(3, "slack:C1");
                    ps.setString(4, JsonColumns.card(Fixtures.card("queued before V4")));
                    Jdbc.setTime(ps, 5, T0);
                    Jdbc.setTime(ps, 6, T0);
                    ps.executeUpdate();
                }
            }

            try (Database migrated = Database.open(settings)) {
                assertThat(new JdbcOutboxStore(migrated).heads(T0.plusSeconds(3600))).singleElement().satisfies(p -> {
                    assertThat(p.message().key()).isEqualTo("INC-1/slack:C1/r1");
                    assertThat(p.message().priority()).isEqualTo(Priority.NORMAL);
                });
            }
        } finally {
            if (db().postgres()) {
                execute(pool, "DROP DATABASE IF EXISTS v3_era");
            } else {
                try (Connection c = DriverManager.getConnection(url, settings.user(), settings.password())) {
                    c.createStatement().execute("SHUTDOWN");
                }
            }
        }
    }

    private static void execute(HikariDataSource pool, String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The INSERT of the code before V4, which names no priority. */
    static final String V3_ENQUEUE = "INSERT INTO outbox (idempotency_key, incident, revision, channel, "
            + "card_json, change_text, mentions_json, created_at, status, attempts, not_before) "
            + "VALUES (?, ?, 1, ?, ?, 'opened', '[]', ?, 'pending', 0, ?)";

    @Test
    void retryPostponesAndCountsTheAttempt() {
        long id = enqueue(Fixtures.message(incident, 1, "slack:C1", T0)).get(0).id();
        outbox.retry(id, t(5), 1, t(65), "HTTP 503");

        assertThat(pending(10)).singleElement().satisfies(p -> {
            assertThat(p.attempts()).isEqualTo(1);
            assertThat(p.notBefore()).isEqualTo(t(65));
        });
        assertThat(outbox.deliveryLog(id)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.RETRY);
            assertThat(e.at()).isEqualTo(t(5));
            assertThat(e.attempt()).isEqualTo(1);
            assertThat(e.detail()).contains("HTTP 503");
        });
    }

    @Test
    void aFailedMessageIsNoLongerPendingAndDoesNotHoldOthersBack() {
        List<OutboxMessage> stored = enqueue(Fixtures.message(incident, 1, "webhook:duty", T0),
                Fixtures.message(incident, 1, "console", T0));
        outbox.failed(stored.get(0).id(), t(3), 1, "HTTP 404 unknown channel");

        assertThat(pending(10)).extracting(p -> p.message().channel()).containsExactly("console");
        assertThat(outbox.deliveryLog(stored.get(0).id())).singleElement()
                .satisfies(e -> {
                    assertThat(e.outcome()).isEqualTo(Outcome.FAILED);
                    assertThat(e.detail()).isEqualTo("HTTP 404 unknown channel");
                });
    }

    @Test
    void sentStoresTheMessageRefPerIncidentAndChannel() {
        assertThat(ref("slack:C1")).isEmpty();
        List<OutboxMessage> first = enqueue(Fixtures.message(incident, 1, "slack:C1", T0),
                Fixtures.message(incident, 1, "discord:42", T0));
        outbox.sent(first.get(0).id(), t(1), 1, "1700000000.000100");
        outbox.sent(first.get(1).id(), t(1), 1, "998877");

        assertThat(ref("slack:C1")).contains("1700000000.000100");
        assertThat(ref("discord:42")).contains("998877");
        assertThat(outbox.messageRef(incident + 1000, "slack:C1")).isEmpty();
        assertThat(pending(10)).isEmpty();

        long second = enqueue(Fixtures.message(incident, 2, "slack:C1", t(10))).get(0).id();
        outbox.sent(second, t(11), 1, "1700000000.000200");
        assertThat(ref("slack:C1")).contains("1700000000.000200");
    }

    @Test
    void sentWithoutARefKeepsTheEarlierOne() {
        long first = enqueue(Fixtures.message(incident, 1, "slack:C1", T0)).get(0).id();
        outbox.sent(first, t(1), 1, "1700000000.000100");
        long second = enqueue(Fixtures.message(incident, 2, "slack:C1", t(2))).get(0).id();
        outbox.sent(second, t(3), 1, null);

        assertThat(ref("slack:C1")).contains("1700000000.000100");
        assertThat(outbox.deliveryLog(second)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.SENT));
    }

    @Test
    void theDeliveryLogKeepsEveryAttemptInOrder() {
        long id = enqueue(Fixtures.message(incident, 1, "slack:C1", T0)).get(0).id();
        outbox.retry(id, t(1), 1, t(2), "timeout");
        outbox.retry(id, t(3), 2, t(10), "HTTP 429");
        outbox.sent(id, t(11), 3, "1700000000.000100");

        assertThat(outbox.deliveryLog(id))
                .extracting(DeliveryLogEntry::attempt, DeliveryLogEntry::outcome, DeliveryLogEntry::at)
                .containsExactly(
                        tuple(1, Outcome.RETRY, t(1)),
                        tuple(2, Outcome.RETRY, t(3)),
                        tuple(3, Outcome.SENT, t(11)));
        assertThat(outbox.deliveryLog(id).get(2).detail()).isEqualTo("1700000000.000100");
        assertThat(outbox.deliveryLog(id + 1000)).isEmpty();
    }

    @Test
    void anUnknownIdIsRefusedAndLogsNothing() {
        assertThatThrownBy(() -> outbox.sent(424242, T0, 1, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.retry(424242, T0, 1, t(1), "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.failed(424242, T0, 1, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(outbox.deliveryLog(424242)).isEmpty();
    }
    @Test
    void aDeliveryBegunIsReadWithItsLaneUntilItsOutcomeIsRecordedAndSurvivesARetry() {
        List<OutboxMessage> stored = enqueue(Fixtures.message(incident, 1, "slack:C1", T0),
                Fixtures.message(incident, 2, "slack:C1", t(1)));
        long r1 = stored.get(0).id();
        long r2 = stored.get(1).id();
        List<Settlement> settles = List.of(new Settlement(r1, 1, Settlement.Result.SUPERSEDED, "r2 shown"),
                new Settlement(r2, 1, Settlement.Result.SENT, ""));
        OutboxStore.InFlight begun = new OutboxStore.InFlight(incident, "slack:C1", r2, "INC-1/slack:C1/r2@5",
                "1700000000.000100", true, List.of("acknowledged by @mette"), List.of("slack-group:S0LEADS"), settles, t(5));
        assertThat(outbox.lane(incident, "slack:C1").inFlight()).isNull();

        outbox.begin(begun);
        outbox.retry(r1, t(6), 1, t(7), "slack chat.update: HTTP 503");

        assertThat(outbox.lane(incident, "slack:C1").inFlight()).as("kept over a retry").isEqualTo(begun);
        assertThat(outbox.lane(incident, "console").inFlight()).isNull();
        outbox.settle(t(8), "1700000000.000100", settles);
        assertThat(outbox.lane(incident, "slack:C1").inFlight()).as("ended with its outcome").isNull();
    }

    @Test
    void aPermanentFailureOrForgettingEndsTheDeliveryInFlight() {
        List<OutboxMessage> stored = enqueue(Fixtures.message(incident, 1, "slack:C1", T0));
        long r1 = stored.get(0).id();
        OutboxStore.InFlight begun = new OutboxStore.InFlight(incident, "slack:C1", r1, "k@1", null, true,
                List.of(), List.of(), List.of(new Settlement(r1, 1, Settlement.Result.SENT, "")), t(1));

        outbox.begin(begun);
        outbox.failed(r1, t(2), 1, "slack chat.postMessage: invalid_blocks");
        assertThat(outbox.lane(incident, "slack:C1").inFlight()).isNull();

        outbox.begin(begun);
        outbox.forget(incident, "slack:C1");
        assertThat(outbox.lane(incident, "slack:C1").inFlight()).isNull();
    }
}
