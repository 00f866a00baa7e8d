package io.varde.schedule;

import io.varde.cluster.CheckShards;
import io.varde.cluster.ClusterStore;
import io.varde.cluster.ShardShare;
import io.varde.core.Threads;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The check shards of a cluster, shared over its nodes by Quartz's clustered JDBC job store
 * (PostgreSQL, the tables of migration V9). Each shard is one Quartz job with a trigger every
 * second; the node that runs it <em>owns</em> the shard: the job does not end after one round
 * but keeps dispatching the shard's due checks every second ({@link Work#run}) for as long as
 * the node holds it. {@code @DisallowConcurrentExecution} makes Quartz block the shard's trigger
 * everywhere else meanwhile, so a shard is checked by one node at a time; when that node dies,
 * Quartz's cluster recovery (another node sees its check-in missing for
 * {@link #CHECKIN_INTERVAL_MS} + 7.5 s) frees the trigger and the next firing lands on a live
 * node, which adopts the shard ({@link Work#adopt}).
 *
 * <p>Which node takes a shard is Quartz's (whoever acquires the trigger first); how many each
 * node keeps is {@link ShardShare}'s, read from Quartz's own tables every {@link #BALANCE_MS}:
 * a node refuses a firing beyond its fair share, lets shards go when a node joins, and stops a
 * shard Quartz no longer lists as its own (it was paused so long that its shards were recovered
 * elsewhere). A clean stop ends every shard and removes this node's check-in, so the others take
 * its shards at once.
 */
public final class ShardScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardScheduler.class);
    /** Quartz's scheduler name, the same on every node: SCHED_NAME in the tables. */
    static final String CLUSTER = ClusterStore.CHECKS_SCHEDULER;
    static final String GROUP = ClusterStore.CHECKS_GROUP;
    static final long PERIOD_MS = 1_000;
    /** How often a node checks in with Quartz; a node silent for this plus 7.5 s is recovered. */
    public static final long CHECKIN_INTERVAL_MS = 2_000;
    static final long BALANCE_MS = 2_000;

    /** What a node does with the shards it owns; every call on the shard's own Quartz thread. */
    public interface Work {

        /** This node now owns {@code shard}: called before its first {@link #run}. */
        void adopt(int shard, Instant now);

        /** Dispatches the due checks of {@code shard} (about once a second while owned); must not throw. */
        void run(int shard, Instant now);

        /** This node no longer owns {@code shard}. */
        void release(int shard);
    }

    private final String node;
    private final ClusterStore store;
    private final int shards;
    private final Work work;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final Set<Integer> letGo = ConcurrentHashMap.newKeySet();
    private final AtomicReference<ShardShare> share = new AtomicReference<>();
    /** When each owned shard was adopted (this node's clock). */
    private final Map<Integer, Long> adoptedAt = new ConcurrentHashMap<>();
    /** The shards the tables listed as this node's at the last balance, and when they were read; null after a failed read. */
    private volatile Set<Integer> listedMine;
    private volatile long listedAt;
    private volatile boolean running = true;
    private final Object wake = new Object();
    private final ScheduledExecutorService balancer =
            Executors.newSingleThreadScheduledExecutor(Threads.daemon("varde-shard-balance"));

    /**
     * @param node        this node's name: Quartz's instance id
     * @param connections Quartz's connections to the cluster's PostgreSQL (migrated to V9), from
     *                    the node's pool; the pool is the node's to close
     * @param store       the same database, read for who is live and runs what
     */
    public ShardScheduler(String node, ConnectionProvider connections, ClusterStore store, int shards, Work work,
                          Clock clock) throws SchedulerException {
        this.node = node;
        this.store = store;
        this.shards = shards;
        this.work = work;
        this.clock = clock;
        String provider = "varde-" + node;
        DBConnectionManager.getInstance().addConnectionProvider(provider, connections);
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", CLUSTER);
        p.setProperty("org.quartz.scheduler.instanceId", node);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.idleWaitTime", String.valueOf(PERIOD_MS));
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        // every shard may run here at once (a lone node owns them all), plus one for a refused firing
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(shards + 1));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "varde-shard");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", provider);
        p.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(CHECKIN_INTERVAL_MS));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "2000");
        StdSchedulerFactory factory = new StdSchedulerFactory(p);
        this.scheduler = factory.getScheduler();
        // Quartz keeps one scheduler per name in a JVM-wide repository; every node's is named
        // CLUSTER, and tests run several nodes in one JVM: this node keeps its own reference.
        SchedulerRepository.getInstance().remove(CLUSTER);
        scheduler.setJobFactory(new VardeJobFactory(Map.of(OwnedShard.class, () -> new OwnedShard(this))));
    }

    /** Creates the shard jobs that do not exist yet (the first node does it for all) and starts. */
    public void start() throws SchedulerException {
        long now = clock.millis();
        for (int shard = 0; shard < shards; shard++) {
            JobKey key = JobKey.jobKey("shard-" + shard, GROUP);
            if (scheduler.checkExists(key)) {
                continue;
            }
            JobDetail job = JobBuilder.newJob(OwnedShard.class).withIdentity(key).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity("shard-" + shard, GROUP)
                    .startAt(new Date(now + PERIOD_MS * shard / shards))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(PERIOD_MS)
                            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            try {
                scheduler.scheduleJob(job, trigger);
            } catch (ObjectAlreadyExistsException e) {
                // another node created it meanwhile
            }
        }
        // Fewer shards than an earlier configuration: their jobs go (a running one ends first).
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (shardOf(key) >= shards) {
                scheduler.deleteJob(key);
            }
        }
        scheduler.start();
        balanceAndCompete();
        balancer.scheduleWithFixedDelay(this::balanceAndCompete, BALANCE_MS, BALANCE_MS, TimeUnit.MILLISECONDS);
        LOG.info("event=shards_started node={} shards={} checkin_ms={}", node, shards, CHECKIN_INTERVAL_MS);
    }

    private static int shardOf(JobKey key) {
        try {
            return Integer.parseInt(key.getName().substring("shard-".length()));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The shards this node owns now. */
    public Set<Integer> owned() {
        return Set.copyOf(new TreeSet<>(owned));
    }

    /** True between {@link #start()} and {@link #close()} (standing by at its share included). */
    public boolean running() {
        try {
            return running && !scheduler.isShutdown();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** One shard's job on this node: holds the shard while the node may, then lets it go. */
    void hold(int shard) {
        ShardShare s = share.get();
        if (!running || s == null || !s.mayTake(node, owned.size()) || !owned.add(shard)) {
            return; // refused: the trigger fires again in a second, maybe on another node
        }
        if (!s.mayTake(node, owned.size())) {
            compete(false); // at its share: leave the other shards' firings to the other nodes
        }
        adoptedAt.put(shard, clock.millis());
        LOG.info("event=shard_adopted node={} shard={} owned={}", node, shard, owned.size());
        try {
            work.adopt(shard, clock.instant());
            long next = clock.millis();
            while (running && !letGo.remove(shard)) {
                Set<Integer> mine = listedMine;
                if (mine != null && !mine.contains(shard) && adoptedAt.getOrDefault(shard, Long.MAX_VALUE) < listedAt) {
                    // The tables say another node runs it: this node was taken for dead.
                    LOG.warn("event=shard_lost node={} shard={} reason=recovered_elsewhere", node, shard);
                    break;
                }
                work.run(shard, clock.instant());
                next += PERIOD_MS;
                long sleep = next - clock.millis();
                if (sleep <= 0) {
                    next = clock.millis();
                    continue;
                }
                synchronized (wake) {
                    if (running) {
                        wake.wait(sleep);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("event=shard_failed node={} shard={} error=\"{}\"", node, shard, e.toString(), e);
        } finally {
            owned.remove(shard);
            adoptedAt.remove(shard);
            letGo.remove(shard);
            work.release(shard);
            LOG.info("event=shard_released node={} shard={} owned={}", node, shard, owned.size());
        }
    }

    private void balanceAndCompete() {
        try {
            balance();
            ShardShare s = share.get();
            compete(running && s != null && s.mayTake(node, owned.size()));
        } catch (RuntimeException e) {
            LOG.error("event=shard_balance_failed node={} error=\"{}\"", node, e.toString(), e);
        }
    }

    /**
     * Whether this node's Quartz acquires shard firings: only while it may take a shard. A node at
     * its share stands by (its running shards go on), or it would win the firings the others need:
     * it acquires a trigger again the moment its refusal ends, the others only every second.
     */
    private synchronized void compete(boolean acquire) {
        try {
            if (!running || scheduler.isShutdown()) {
                return;
            }
            if (acquire && scheduler.isInStandbyMode()) {
                scheduler.start();
            } else if (!acquire && !scheduler.isInStandbyMode()) {
                scheduler.standby();
            }
        } catch (SchedulerException e) {
            LOG.warn("event=shard_compete_failed node={} error=\"{}\"", node, e.toString());
        }
    }

    /** Reads who is live and who runs what; picks shards to let go when above the fair share. */
    private void balance() {
        long now = clock.millis();
        CheckShards read;
        try {
            read = store.checkShards(now);
        } catch (RuntimeException e) {
            LOG.warn("event=shard_balance_failed node={} error=\"{}\"", node, e.toString());
            listedMine = null;
            return;
        }
        Set<String> live = new HashSet<>(read.live());
        live.add(node);
        Map<String, Integer> held = new HashMap<>();
        read.running().forEach((n, list) -> held.put(n, list.size()));
        ShardShare s = new ShardShare(shards, live, held);
        share.set(s);
        listedMine = Set.copyOf(read.of(node));
        listedAt = now;
        int release = s.toRelease(node, owned.size()) - letGo.size();
        if (release > 0) {
            List<Integer> candidates = new TreeSet<>(owned).descendingSet().stream()
                    .filter(o -> !letGo.contains(o)).limit(release).toList();
            letGo.addAll(candidates);
            LOG.info("event=shards_letting_go node={} shards={} live={} ceiling={}", node, candidates,
                    live.size(), s.ceiling());
        }
    }

    /** Ends every shard (each lets go within a second), stops Quartz, and removes this node's check-in. */
    @Override
    public void close() throws SchedulerException {
        running = false;
        balancer.shutdownNow();
        synchronized (wake) {
            wake.notifyAll();
        }
        scheduler.shutdown(true);
        try {
            store.checkOut(node);
        } catch (RuntimeException e) {
            LOG.warn("event=shards_checkout_failed node={} error=\"{}\"", node, e.toString());
        }
        DBConnectionManager.getInstance().addConnectionProvider("varde-" + node, null);
        LOG.info("event=shards_stopped node={}", node);
    }

    /** The shard job: a long-running holder of one shard. */
    @DisallowConcurrentExecution
    static final class OwnedShard implements InterruptableJob {

        private final ShardScheduler owner;
        private volatile Thread thread;

        OwnedShard(ShardScheduler owner) {
            this.owner = owner;
        }

        @Override
        public void execute(JobExecutionContext context) {
            thread = Thread.currentThread();
            owner.hold(shardOf(context.getJobDetail().getKey()));
        }

        @Override
        public void interrupt() {
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }
    }
}
