package io.varde.check.probe;

import io.varde.check.DnsSpec;
import io.varde.check.Observation;
import io.varde.check.ProbeError;
import io.varde.check.Prober;
import io.varde.check.Target;
import io.varde.core.Durations;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Probes DNS targets with dnsjava: one query for the spec's name and type, sent asynchronously to
 * the configured server or, without one, to the machine's resolvers. Any answer counts as
 * {@code connected}, NXDOMAIN and SERVFAIL included; conditions judge the rcode. The budget is the
 * target's timeout in total: one server gets all of it, several share it (one try each), so
 * dnsjava's own retries never outlast the deadline, which backs it up anyway. With a source
 * address ({@code target.vantage().sourceAddress()}) queries leave from it (dnsjava's
 * {@code setLocalAddress}, a random port as ever); it is checked first, since dnsjava would try
 * many ports on an address that is not this machine's and then say only "No available source
 * port found".
 */
final class DnsProber implements Prober {

    private static final Logger LOG = LoggerFactory.getLogger(DnsProber.class);

    private final ProbeExecutors executors;

    DnsProber(ProbeExecutors executors) {
        this.executors = executors;
    }

    @Override
    public CompletableFuture<Observation> probe(Target target) {
        if (!(target.probe() instanceof DnsSpec spec)) {
            throw new IllegalArgumentException("not a DNS target: " + target.id());
        }
        Duration timeout = target.timeout();
        String timeoutMessage = "no answer within " + Durations.format(timeout);
        Attempt attempt = new Attempt(executors.worker());
        attempt.arm(executors, timeout, () -> Observation.failed(attempt.startedAt(),
                attempt.elapsed(), new ProbeError(ProbeError.Reason.TIMEOUT, timeoutMessage)),
                () -> { });
        String sourceText = target.vantage().sourceAddress();
        SourceAddresses.Source bound = SourceAddresses.of(target);
        if (bound.error() != null) {
            attempt.fail(bound.error());
            return attempt.result();
        }
        InetAddress source = bound.address();
        Message query;
        try {
            query = query(spec);
        } catch (TextParseException | IllegalArgumentException e) {
            attempt.fail(new ProbeError(ProbeError.Reason.OTHER, "invalid query: "
                    + e.getMessage()));
            return attempt.result();
        }
        executors.blocking(() -> resolver(spec.server(), timeout, source), attempt::isDone)
                .thenCompose(resolver -> resolver.sendAsync(query, executors.worker()))
                .whenComplete((answer, error) -> {
                    if (error != null) {
                        ProbeError classified = Failures.classify(error, spec.host(),
                                timeoutMessage, sourceText);
                        if (attempt.fail(classified)) {
                            LOG.debug("event=dns_probe_failed host={} type={} server={} reason={}"
                                    + " message=\"{}\"", spec.host(), spec.queryType(),
                                    spec.server(), classified.reason(), classified.message(),
                                    Failures.traceWorthy(classified, error));
                        }
                    } else {
                        attempt.finish(observation(attempt, answer));
                    }
                });
        return attempt.result();
    }

    private static Message query(DnsSpec spec) throws TextParseException {
        int type = Type.value(spec.queryType());
        if (type < 0) {
            throw new IllegalArgumentException("unknown record type " + spec.queryType());
        }
        Name name = Name.fromString(spec.host(), Name.root);
        return Message.newQuery(Record.newRecord(name, type, DClass.IN));
    }

    /**
     * Builds the resolver, its queries leaving from {@code source} when not null; may block on a
     * look-up of the server's name or on reading config.
     */
    private static Resolver resolver(String server, Duration timeout, InetAddress source)
            throws UnknownHostException, BindException {
        if (source != null) {
            SourceAddresses.checkBindable(source);
        }
        if (server != null) {
            DnsServer parsed = DnsServer.parse(server);
            InetAddress address = InetAddress.getByName(parsed.host());
            return simple(new InetSocketAddress(address, parsed.port()), timeout, source);
        }
        List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
        if (servers.isEmpty()) {
            throw new UnknownHostException("no DNS servers configured on this machine");
        }
        if (servers.size() == 1) {
            return simple(servers.get(0), timeout, source);
        }
        Duration each = timeout.dividedBy(servers.size());
        List<Resolver> resolvers = new ArrayList<>(servers.size());
        for (InetSocketAddress s : servers) {
            resolvers.add(simple(s, each, source));
        }
        ExtendedResolver extended = new ExtendedResolver(resolvers);
        extended.setTimeout(timeout);
        extended.setRetries(1);
        return extended;
    }

    private static SimpleResolver simple(InetSocketAddress address, Duration timeout,
                                         InetAddress source) {
        SimpleResolver resolver = new SimpleResolver(address);
        resolver.setTimeout(timeout);
        if (source != null) {
            resolver.setLocalAddress(source);
        }
        return resolver;
    }

    private static Observation observation(Attempt attempt, Message answer) {
        List<Record> records = answer.getSection(Section.ANSWER);
        String body = records.stream().map(Record::rdataToString)
                .collect(Collectors.joining("\n"));
        String ip = null;
        for (Record r : records) {
            if (r instanceof ARecord a) {
                ip = a.getAddress().getHostAddress();
                break;
            }
            if (r instanceof AAAARecord aaaa) {
                ip = aaaa.getAddress().getHostAddress();
                break;
            }
        }
        return new Observation(attempt.startedAt(), attempt.elapsed(), null, null, body, null, true,
                ip, Rcode.string(answer.getRcode()));
    }
}
