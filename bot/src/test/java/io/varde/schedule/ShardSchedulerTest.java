package io.varde.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.varde.store.jdbc.Database;
import io.varde.store.jdbc.DbSettings;
import io.varde.store.jdbc.JdbcClusterStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.utils.ConnectionProvider;

/**
 * Quartz's clustered job store shares the check shards of several nodes on a real PostgreSQL:
 * evenly, one node at a time per shard, and a node that stops hands its shards to the others.
 * (A node killed outright is {@code ClusterIT}'s: real processes, SIGKILL.) The nodes here are
 * schedulers in one JVM, each with its own pool, as separate processes would be.
 */
class ShardSchedulerTest {

    private static final int SHARDS = 16;
    private static EmbeddedPostgres server;
    private final List<Node> nodes = new ArrayList<>();
    /** Which node holds each shard now: adopting a shard another node holds is the failure to catch. */
    private final Map<Integer, String> holder = new ConcurrentHashMap<>();
    private final List<String> overlaps = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startPostgres() throws Exception {
        server = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        server.close();
    }

    @AfterEach
    void stopNodes() throws Exception {
        for (Node n : nodes) {
            n.close();
        }
    }

    private final class Node implements ShardScheduler.Work, AutoCloseable {
        final String name;
        final Database db;
        final ShardScheduler shards;
        final AtomicInteger runs = new AtomicInteger();
        boolean closed;

        Node(String name) throws Exception {
            this.name = name;
            this.db = Database.open(new DbSettings("jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres",
                    "postgres", null));
            this.shards = new ShardScheduler(name, new ConnectionProvider() {
                @Override
                public Connection getConnection() throws SQLException {
                    return db.dataSource().getConnection();
                }

                @Override
                public void shutdown() {
                }

                @Override
                public void initialize() {
                }
            }, new JdbcClusterStore(db), SHARDS, this, Clock.systemUTC());
            shards.start();
        }

        @Override
        public void adopt(int shard, Instant now) {
            String before = holder.putIfAbsent(shard, name);
            if (before != null) {
                overlaps.add("shard " + shard + " adopted by " + name + " while " + before + " held it");
            }
        }

        @Override
        public void run(int shard, Instant now) {
            runs.incrementAndGet();
            if (!name.equals(holder.get(shard))) {
                overlaps.add("shard " + shard + " run by " + name + " while " + holder.get(shard) + " held it");
            }
        }

        @Override
        public void release(int shard) {
            holder.remove(shard, name);
        }

        @Override
        public void close() throws Exception {
            if (!closed) {
                closed = true;
                shards.close();
                db.close();
            }
        }
    }

    private Node start(String name) throws Exception {
        Node n = new Node(name);
        nodes.add(n);
        return n;
    }

    /** Waits (at most 45 s) until every live node holds floor..ceiling shards and all are held. */
    private void awaitSpread(int floor, int ceiling, Node... live) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (true) {
            try {
                int all = 0;
                for (Node n : live) {
                    assertThat(n.shards.owned().size()).as(n.name + " of " + SHARDS).isBetween(floor, ceiling);
                    all += n.shards.owned().size();
                }
                assertThat(all).as("every shard owned").isEqualTo(SHARDS);
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    @Test
    void nodesShareTheShardsEvenlyOneAtATimeAndAStoppedNodesGoToTheOthers() throws Exception {
        Node a = start("node-a");
        awaitSpread(SHARDS, SHARDS, a);

        Node b = start("node-b");
        awaitSpread(8, 8, a, b);
        Node c = start("node-c");
        awaitSpread(5, 6, a, b, c);
        var view = new JdbcClusterStore(a.db).view();
        assertThat(view.shards()).as("/api/cluster's view").containsOnlyKeys("node-a", "node-b", "node-c");
        for (Node n : List.of(a, b, c)) {
            assertThat(view.shardsOf(n.name)).as(n.name).containsExactlyElementsOf(new java.util.TreeSet<>(n.shards.owned()));
        }

        b.close();
        awaitSpread(8, 8, a, c);
        assertThat(a.runs.get() + c.runs.get()).as("shards ran").isPositive();
        assertThat(overlaps).as("no shard on two nodes at once").isEmpty();
    }
}
