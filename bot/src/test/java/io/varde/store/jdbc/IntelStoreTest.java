package io.varde.store.jdbc;

import static io.varde.store.jdbc.Fixtures.T0;
import static io.varde.store.jdbc.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.varde.intel.Claim;
import io.varde.intel.ClaimMatch;
import io.varde.intel.ClaimSource;
import io.varde.intel.HostName;
import io.varde.intel.HostNames;
import io.varde.intel.HostReading;
import io.varde.intel.IntelStore.Saved;
import io.varde.intel.Match.Reason;
import io.varde.intel.StoredClaim;
import io.varde.intel.TaskList;
import io.varde.intel.TaskListSnapshot;
import io.varde.intel.feed.DdosiaTaskLists;
import java.io.InputStream;
import java.sql.Connection;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcIntelStore} must do, on H2 and on PostgreSQL. */
class IntelStoreTest extends OnBothDatabases {

    /** Russian and Danish in one post, about as long as a webhook body may be (64 KiB). */
    static final String LONG_TEXT = ("Хакеры NoName057(16) атаковали сайты Дании: borger.dk, skat.dk. "
            + "Æblegrød på Ærø, søndag i Københavns Kommune; «ещё» — ÆØÅ æøå.\n").repeat(450);

    JdbcIntelStore store;

    @BeforeEach
    void emptyDatabase() {
        TestDatabases.clean(db());
        store = new JdbcIntelStore(db());
    }

    static HostName host(String raw) {
        return ((HostReading.Read) HostNames.normalise(raw)).host();
    }

    static Claim claim(String sourceName, String ref, Instant observedAt, String... hosts) {
        return new Claim(ClaimSource.FEED, sourceName, ref, "NoName057(16)", observedAt.minusSeconds(60), observedAt,
                Arrays.stream(hosts).map(IntelStoreTest::host).toList(), List.of("/"),
                List.of("https://t.me/noname05716/1"), "claimed " + String.join(", ", hosts));
    }

    static ClaimMatch hit(String targetId, String host) {
        return new ClaimMatch(targetId, host, Reason.HOST, "host " + host);
    }

    StoredClaim saved(Claim claim, ClaimMatch... matches) {
        Saved s = store.save(claim, List.of(matches));
        assertThat(s.duplicate()).as("saved as new").isFalse();
        return s.claim();
    }

    @Test
    void everyFieldOfAClaimReadsBackAsSaved() {
        Claim claim = new Claim(ClaimSource.WEBHOOK, "cert-dk", "post-4711", "NoName057(16)",
                T0.minusSeconds(300).plusNanos(789), T0,
                List.of(host("https://WWW.Borger.dk/søg"), host("københavn.dk"), host("selvbetjening.skat.dk."),
                        host("192.0.2.10"), host("[2001:DB8::1]:443"), host("co.uk")),
                List.of("/søg?q=$_1", "/"), List.of("https://t.me/noname05716/4711", "https://example.org/p.png"),
                LONG_TEXT);
        List<ClaimMatch> matches = List.of(hit("borger-dk", "www.borger.dk"),
                new ClaimMatch("skat-dk", "selvbetjening.skat.dk", Reason.REGISTRABLE_DOMAIN,
                        "same registrable domain skat.dk"),
                new ClaimMatch("kk", "192.0.2.10", Reason.IP, "resolves to 192.0.2.10"));

        Saved saved = store.save(claim, matches);

        Claim asStored = new Claim(claim.source(), claim.sourceName(), claim.ref(), claim.actor(),
                T0.minusSeconds(300), T0, claim.hosts(), claim.paths(), claim.links(), claim.text());
        assertThat(saved.duplicate()).isFalse();
        assertThat(saved.claim().claim()).as("times at microseconds, as read back").isEqualTo(asStored);
        assertThat(saved.claim().matches()).isEqualTo(matches);
        assertThat(store.claimsSince(T0, 10)).containsExactly(saved.claim());
    }

    @Test
    void aManualClaimWithNoActorRefPathsLinksOrTextReadsBackEmpty() {
        Claim bare = new Claim(ClaimSource.MANUAL, "alice", "", "", T0, T0, List.of(host("borger.dk")),
                List.of(), List.of(), "");

        StoredClaim saved = saved(bare);

        assertThat(store.claimsSince(T0, 10)).singleElement().satisfies(c -> {
            assertThat(c).isEqualTo(saved);
            assertThat(c.claim()).isEqualTo(bare);
            assertThat(c.matches()).isEmpty();
        });
    }

    @Test
    void theSameSourceNameAndRefIsStoredOnceAndTheFirstIsReturned() {
        StoredClaim first = saved(claim("cert-dk", "guid-1", t(0), "borger.dk"), hit("borger-dk", "borger.dk"));

        Saved again = store.save(claim("cert-dk", "guid-1", t(60), "skat.dk"), List.of(hit("skat-dk", "skat.dk")));

        assertThat(again.duplicate()).isTrue();
        assertThat(again.claim()).isEqualTo(first);
        assertThat(store.claimsSince(T0, 10)).containsExactly(first);
        assertThat(store.claimsOn("skat-dk", T0)).isEmpty();
    }

    @Test
    void theSameRefFromAnotherSourceIsAnotherClaim() {
        saved(claim("cert-dk", "guid-1", t(0), "borger.dk"));
        saved(claim("telegram-bridge", "guid-1", t(1), "borger.dk"));
        saved(claim("ab", "c", t(2), "borger.dk"));
        saved(claim("a", "bc", t(3), "borger.dk"));

        assertThat(store.claimsSince(T0, 10)).hasSize(4);
    }

    @Test
    void claimsWithoutRefAreNeverDuplicates() {
        Claim noRef = claim("alice", "", t(0), "borger.dk");

        StoredClaim one = saved(noRef);
        StoredClaim two = saved(noRef);

        assertThat(two.id()).isNotEqualTo(one.id());
        assertThat(store.claimsSince(T0, 10)).containsExactly(two, one);
    }

    /**
     * A ref of 4,000 characters that do not compress (a URL with a long token): PostgreSQL
     * could not index it as it is (at most 2,704 bytes an entry).
     */
    @Test
    void aLongRefIsStoredWholeAndStillDeduplicated() {
        Random random = new Random(4711);
        String ref = "https://t.me/s/noname05716?token=" + random.ints(4_000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
        StoredClaim first = saved(claim("telegram-bridge", ref, t(0), "borger.dk"));

        Saved again = store.save(claim("telegram-bridge", ref, t(5), "borger.dk"), List.of());

        assertThat(first.claim().ref()).isEqualTo(ref);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.claim()).isEqualTo(first);
    }

    @Test
    void claimsSinceAreNewestObservedFirstFromTheBoundOnAtMostLimit() {
        StoredClaim at20 = saved(claim("feed", "", t(20), "a.dk"));
        saved(claim("feed", "", t(0), "b.dk"));
        StoredClaim at30 = saved(claim("feed", "", t(30), "c.dk"));
        StoredClaim at10 = saved(claim("feed", "", t(10), "d.dk"));
        StoredClaim at10Later = saved(claim("feed", "", t(10), "e.dk"));

        assertThat(store.claimsSince(t(10), 10)).containsExactly(at30, at20, at10Later, at10);
        assertThat(store.claimsSince(t(10), 2)).containsExactly(at30, at20);
        assertThat(store.claimsSince(t(30), 10)).containsExactly(at30);
        assertThat(store.claimsSince(t(31), 10)).isEmpty();
        assertThat(store.claimsSince(T0, 0)).isEmpty();
        assertThatThrownBy(() -> store.claimsSince(T0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void claimsOnATargetAreThoseThatHitItSinceNewestFirstWithAllTheirMatches() {
        StoredClaim before = saved(claim("feed", "", t(-10), "borger.dk"), hit("borger-dk", "borger.dk"));
        StoredClaim both = saved(claim("feed", "", t(0), "borger.dk", "skat.dk"),
                hit("borger-dk", "borger.dk"), hit("skat-dk", "skat.dk"));
        StoredClaim skat = saved(claim("feed", "", t(10), "skat.dk"), hit("skat-dk", "skat.dk"));
        saved(claim("feed", "", t(20), "terma.com"));

        assertThat(store.claimsOn("skat-dk", t(0))).containsExactly(skat, both);
        assertThat(store.claimsOn("skat-dk", t(0)).get(1).targetIds()).containsExactly("borger-dk", "skat-dk");
        assertThat(store.claimsOn("borger-dk", t(0))).containsExactly(both);
        assertThat(store.claimsOn("borger-dk", t(-10))).containsExactly(both, before);
        assertThat(store.claimsOn("terma", T0.minusSeconds(3600))).isEmpty();
    }

    /** Two matches for one target break the match table's key after the claim row went in. */
    @Test
    void aFailureWhileSavingTheMatchesLeavesNothing() {
        Claim claim = claim("cert-dk", "guid-1", t(0), "borger.dk", "www.borger.dk");

        assertThatThrownBy(() -> store.save(claim, List.of(hit("borger-dk", "borger.dk"),
                hit("borger-dk", "www.borger.dk")))).isInstanceOf(StoreException.class);

        assertThat(store.claimsSince(T0.minusSeconds(3600), 10)).isEmpty();
        assertThat(store.claimsOn("borger-dk", T0.minusSeconds(3600))).isEmpty();
        assertThat(store.save(claim, List.of(hit("borger-dk", "borger.dk"))).duplicate())
                .as("the ref was not taken by the failed save").isFalse();
    }

    /** A webhook retried while its first call is still saving: the second waits, then finds the first. */
    @Test
    void aConcurrentSaveOfTheSameRefReturnsTheClaimThatCommittedFirst() throws Exception {
        Claim theirs = claim("cert-dk", "guid-1", t(0), "borger.dk");
        List<ClaimMatch> theirMatches = List.of(hit("borger-dk", "borger.dk"));
        try (Connection first = db().dataSource().getConnection()) {
            first.setAutoCommit(false);
            ClaimRows.insert(first, 1_000_000, theirs, theirMatches);
            CompletableFuture<Saved> mine = TestDatabases.startAndAwaitLockWait(db(),
                    () -> store.save(claim("cert-dk", "guid-1", t(5), "skat.dk"), List.of()));
            first.commit();

            Saved saved = mine.get(30, TimeUnit.SECONDS);
            assertThat(saved.duplicate()).isTrue();
            assertThat(saved.claim()).isEqualTo(new StoredClaim(1_000_000, theirs, theirMatches));
        }
        assertThat(store.claimsSince(T0, 10)).extracting(StoredClaim::id).containsExactly(1_000_000L);
    }

    static TaskListSnapshot snapshot(String source, Instant observedAt, Map<String, Set<String>> paths) {
        return new TaskListSnapshot(source, observedAt, paths, 7, 1, List.of(hit("trm-dk", "www.trm.dk")));
    }

    @Test
    void aTaskListSnapshotReadsBackWithItsPathsCountsAndMatches() {
        Map<String, Set<String>> paths = new LinkedHashMap<>();
        paths.put("www.trm.dk", Set.of("", "/search?q=$_1&page=$_2"));
        paths.put("xn--kbenhavn-54a.dk", Set.of("/"));
        paths.put("185.151.30.158", Set.of(""));
        paths.put("aarhus.dk", Set.of("/?s=$_1", "/news/page/$_2/", ""));
        TaskListSnapshot snapshot = new TaskListSnapshot("ddosia", t(0), paths, 120, 3, List.of(
                hit("trm-dk", "www.trm.dk"),
                new ClaimMatch("aarhus", "aarhus.dk", Reason.ALIAS, "alias aarhus.dk")));

        store.saveTaskList(snapshot);

        assertThat(store.latestTaskList("ddosia")).hasValueSatisfying(read -> {
            assertThat(read).isEqualTo(snapshot);
            assertThat(read.pathsByHost().keySet()).as("hosts in list order")
                    .containsExactly("www.trm.dk", "xn--kbenhavn-54a.dk", "185.151.30.158", "aarhus.dk");
        });
    }

    @Test
    void aRealDdosiaListRoundTrips() throws Exception {
        String file = "2025-10-03_07-10-31_DDoSia-target-list-full.json";
        TaskList list;
        try (InputStream in = getClass().getResourceAsStream("/ddosia/" + file)) {
            list = DdosiaTaskLists.read(in, file, t(0));
        }
        Map<String, Set<String>> paths = list.pathsByHost(
                raw -> HostNames.normalise(raw) instanceof HostReading.Read r ? r.host().host() : null);
        TaskListSnapshot snapshot = new TaskListSnapshot("ddosia", list.observedAt(), paths, list.tasks().size(),
                list.skipped().size(), List.of());

        store.saveTaskList(snapshot);

        assertThat(store.latestTaskList("ddosia")).contains(snapshot);
    }

    @Test
    void theLatestTaskListOfASourceIsTheOneSavedLastEvenIfObservedEarlier() {
        TaskListSnapshot first = snapshot("ddosia", t(100), Map.of("www.trm.dk", Set.of("")));
        TaskListSnapshot olderFileReadLater = snapshot("ddosia", t(50), Map.of("borger.dk", Set.of("/")));
        TaskListSnapshot other = snapshot("ddosia-mirror", t(200), Map.of());

        store.saveTaskList(first);
        store.saveTaskList(olderFileReadLater);
        store.saveTaskList(other);

        assertThat(store.latestTaskList("ddosia")).contains(olderFileReadLater);
        assertThat(store.latestTaskList("ddosia-mirror")).contains(other);
        assertThat(store.latestTaskList("unknown")).isEmpty();
    }

    @Test
    void taskListsSinceAreNewestObservedFirstFromTheBoundOnAtMostLimit() {
        TaskListSnapshot at20 = snapshot("a", t(20), Map.of("a.dk", Set.of("")));
        TaskListSnapshot at0 = snapshot("a", t(0), Map.of("b.dk", Set.of("")));
        TaskListSnapshot at10 = snapshot("b", t(10), Map.of("c.dk", Set.of("")));
        TaskListSnapshot at10Later = snapshot("c", t(10), Map.of("d.dk", Set.of("")));
        List.of(at20, at0, at10, at10Later).forEach(store::saveTaskList);

        assertThat(store.taskListsSince(t(10), 10)).containsExactly(at20, at10Later, at10);
        assertThat(store.taskListsSince(t(0), 2)).containsExactly(at20, at10Later);
        assertThat(store.taskListsSince(t(21), 10)).isEmpty();
        assertThat(store.taskListsSince(T0, 0)).isEmpty();
    }
}
