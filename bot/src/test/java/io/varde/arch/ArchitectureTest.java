package io.varde.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;

/**
 * The core packages import no framework and no I/O library: only the JDK's language, collection
 * and time classes, Jackson (to read JSON bodies in conditions), the slf4j logging facade and
 * each other. Edge packages (probes, Quartz, config, app, the notifiers in {@code notify.*}) adapt
 * the outside world to them. The names in {@link #CORE} match those packages exactly, not their
 * sub-packages: {@code io.varde.notify.webhook} may use {@code java.net.http} and Jackson.
 * {@code io.varde.intel} alone may also use Guava's {@code com.google.common.net} (the public
 * suffix list behind {@code InternetDomainName}) and {@code java.net.IDN} (punycode), both pure;
 * {@code io.varde.cluster.NodeName} alone {@code java.net.InetAddress}, for the host name.
 * The HTTP server (Jetty, {@code org.eclipse.jetty}; and the JDK's {@code com.sun.net.httpserver},
 * which only tests use now) is used in {@code io.varde.web} only, and the web edge talks to no
 * other edge. Jetty's HTTP client ({@code org.eclipse.jetty.client} and the jetty-io, -http and
 * -util it needs) is used in {@code io.varde.check.probe} only, for HTTP checks that leave from a
 * source address (the JDK 17 client cannot bind one); the probes use no Jetty server class. Micrometer and the Prometheus client are used in
 * {@code io.varde.metrics} only ({@code app} reaches them through it), and that edge talks to no
 * other edge either. The Slack SDK and Bolt are used in {@code io.varde.notify.slack} (alerts) and
 * {@code io.varde.chat.slack} (commands) only, JDA in {@code io.varde.notify.discord} and
 * {@code io.varde.chat.discord} only; chat reaches only the core, its own platform's notifier and
 * the config's settings. {@code io.varde.vantage} (probe agents and their endpoint) reaches only the
 * check core, {@code core}, Jackson, the JDK (its HTTP client) and the config's {@code VantageConfig}.
 */
@AnalyzeClasses(packages = "io.varde", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {
        "io.varde.core", "io.varde.check", "io.varde.detect", "io.varde.incident",
        "io.varde.command", "io.varde.notify", "io.varde.intel", "io.varde.correlate", "io.varde.cluster",
        "io.varde.pipeline"
    };

    private static final String[] CORE_MAY_USE = {
        "java.lang..", "java.util..", "java.time..", "java.math..", "java.net",
        "com.fasterxml.jackson..", "org.slf4j",
        "io.varde.core", "io.varde.check", "io.varde.detect", "io.varde.incident",
        "io.varde.command", "io.varde.notify", "io.varde.intel", "io.varde.correlate", "io.varde.cluster",
        "io.varde.pipeline"
    };

    private static String[] intelMayUse() {
        String[] packages = Arrays.copyOf(CORE_MAY_USE, CORE_MAY_USE.length + 1);
        packages[CORE_MAY_USE.length] = "com.google.common.net";
        return packages;
    }

    @ArchTest
    static final ArchRule coreImportsNoFramework = classes()
            .that().resideInAnyPackage(CORE).and().resideOutsideOfPackage("io.varde.intel")
            .should().onlyDependOnClassesThat().resideInAnyPackage(CORE_MAY_USE)
            .because("core logic must run and be tested without Quartz, HTTP, JDBC or chat SDKs");

    @ArchTest
    static final ArchRule intelImportsNoFrameworkButThePublicSuffixList = classes()
            .that().resideInAPackage("io.varde.intel")
            .should().onlyDependOnClassesThat().resideInAnyPackage(intelMayUse())
            .because("host matching needs the public suffix list (Guava) and nothing else");

    @ArchTest
    static final ArchRule coreUsesNoNetworkingClasses = noClasses()
            .that().resideInAnyPackage(CORE).and().resideOutsideOfPackage("io.varde.intel")
            .and().doNotHaveFullyQualifiedName("io.varde.cluster.NodeName")
            .should().dependOnClassesThat().haveNameMatching("java\\.net\\.(?!URI$).*")
            .because("probes are the edge; the core only names a target's URI");

    @ArchTest
    static final ArchRule intelUsesOnlyIdnFromNetworking = noClasses()
            .that().resideInAPackage("io.varde.intel")
            .should().dependOnClassesThat().haveNameMatching("java\\.net\\.(?!URI$|IDN$).*")
            .because("intel reads host names; it never resolves or connects (IDN is pure text)");

    @ArchTest
    static final ArchRule nodeNameOnlyAsksTheHostName = noClasses()
            .that().haveFullyQualifiedName("io.varde.cluster.NodeName")
            .should().dependOnClassesThat()
            .haveNameMatching("java\\.net\\.(?!URI$|InetAddress$|UnknownHostException$).*")
            .because("a node's default name is its host name; the cluster connects to nothing itself");

    @ArchTest
    static final ArchRule guavaOnlyInIntel = noClasses()
            .that().resideOutsideOfPackage("io.varde.intel")
            .should().dependOnClassesThat().resideInAPackage("com.google.common..")
            .because("Guava is here for the public suffix list in threat-intel matching only");

    @ArchTest
    static final ArchRule signalsFlowForward = noClasses()
            .that().resideInAnyPackage("io.varde.core", "io.varde.check")
            .should().dependOnClassesThat().resideInAnyPackage("io.varde.detect..", "io.varde.notify..")
            .because("checks feed detection, which feeds notification, never the other way");

    @ArchTest
    static final ArchRule detectionKnowsNothingOfNotifiers = noClasses()
            .that().resideInAPackage("io.varde.detect..")
            .should().dependOnClassesThat().resideInAPackage("io.varde.notify..");

    @ArchTest
    static final ArchRule jacksonOnlyForConditions = noClasses()
            .that().resideInAnyPackage("io.varde.core", "io.varde.detect", "io.varde.incident",
                    "io.varde.command", "io.varde.notify", "io.varde.intel", "io.varde.correlate", "io.varde.cluster", "io.varde.pipeline")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule correlationKnowsNoIncident = noClasses()
            .that().resideInAPackage("io.varde.correlate")
            .should().dependOnClassesThat().resideInAnyPackage("io.varde.incident..", "io.varde.notify..",
                    "io.varde.command..")
            .because("signals flow forward: correlation concludes, the incident service acts on it");

    @ArchTest
    static final ArchRule deliveryKnowsNoNotifierImplementation = noClasses()
            .that().resideInAPackage("io.varde.notify")
            .should().dependOnClassesThat().resideInAPackage("io.varde.notify.(*)..")
            .because("notifiers are registered in the wiring; the worker only knows the port");

    @ArchTest
    static final ArchRule incidentsKnowNothingOfDeliveryOrChat = noClasses()
            .that().resideInAPackage("io.varde.incident..")
            .should().dependOnClassesThat().resideInAnyPackage("io.varde.notify..",
                    "io.varde.command..", "io.varde.store..")
            .because("incidents write to the outbox through their store port; delivery reads it");

    @ArchTest
    static final ArchRule jdbcOnlyInStore = noClasses()
            .that().resideOutsideOfPackages("io.varde.store..", "io.varde.app")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                    "org.flywaydb..", "com.zaxxer..");

    @ArchTest
    static final ArchRule httpServerOnlyInWeb = noClasses()
            .that().resideOutsideOfPackages("io.varde.web", "io.varde.check.probe")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "com.sun.net.httpserver..")
            .because("Varde has one embedded HTTP server, in the web edge; endpoints are routes on it");

    @ArchTest
    static final ArchRule probesUseOnlyJettysClient = noClasses()
            .that().resideInAPackage("io.varde.check.probe")
            .should().dependOnClassesThat(resideInAPackage("org.eclipse.jetty..").and(not(resideInAnyPackage(
                    "org.eclipse.jetty.client..", "org.eclipse.jetty.io..", "org.eclipse.jetty.http..",
                    "org.eclipse.jetty.util.."))))
            .orShould().dependOnClassesThat().resideInAPackage("com.sun.net.httpserver..")
            .because("probes with a source address use Jetty's HTTP client, never its server");

    @ArchTest
    static final ArchRule jettyClientOnlyInProbes = noClasses()
            .that().resideOutsideOfPackage("io.varde.check.probe")
            .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty.client..")
            .because("Jetty's client is the prober's, for source addresses; other edges use java.net.http");

    @ArchTest
    static final ArchRule webKnowsNoOtherEdge = noClasses()
            .that().resideInAPackage("io.varde.web..")
            .should().dependOnClassesThat().resideInAnyPackage("io.varde.store..", "io.varde.schedule..",
                    "io.varde.app..", "io.varde.ctl..", "io.varde.config..", "io.varde.check.probe..",
                    "io.varde.notify.(*)..", "io.varde.chat..")
            .because("endpoints reach the core through its services and ports; the wiring connects them");

    @ArchTest
    static final ArchRule slackSdkOnlyInTheSlackEdges = noClasses()
            .that().resideOutsideOfPackages("io.varde.chat.slack", "io.varde.notify.slack")
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..")
            .because("Slack is two edges: alerts (notify.slack) and commands (chat.slack)");

    @ArchTest
    static final ArchRule jdaOnlyInTheDiscordEdges = noClasses()
            .that().resideOutsideOfPackages("io.varde.chat.discord", "io.varde.notify.discord")
            .should().dependOnClassesThat().resideInAnyPackage("net.dv8tion..")
            .because("Discord is two edges: alerts (notify.discord) and commands (chat.discord)");

    @ArchTest
    static final ArchRule chatKnowsNoOtherEdge = noClasses()
            .that().resideInAPackage("io.varde.chat..")
            .should().dependOnClassesThat().resideInAnyPackage("io.varde.store..", "io.varde.schedule..",
                    "io.varde.app..", "io.varde.ctl..", "io.varde.web..", "io.varde.check.probe..",
                    "io.varde.metrics..", "io.varde.intel.feed..", "io.varde.notify.console..",
                    "io.varde.notify.webhook..")
            .because("a chat platform turns its requests into commands and renders with its own notifier; "
                    + "the wiring connects it to the web server");

    @ArchTest
    static final ArchRule micrometerOnlyInMetrics = noClasses()
            .that().resideOutsideOfPackage("io.varde.metrics")
            .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..")
            .because("metrics are one edge: the core hands it values, web serves its text, app wires it");

    @ArchTest
    static final ArchRule metricsKnowsNoOtherEdge = noClasses()
            .that().resideInAPackage("io.varde.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage("io.varde.store..", "io.varde.schedule..",
                    "io.varde.app..", "io.varde.ctl..", "io.varde.config..", "io.varde.web..",
                    "io.varde.check.probe..", "io.varde.notify.(*)..", "io.varde.intel.feed..")
            .because("metrics read core values and implement core ports; the wiring connects the edges");

    @ArchTest
    static final ArchRule vantageIsAnEdgeOverTheChecks = classes()
            .that().resideInAPackage("io.varde.vantage")
            .should().onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("java.lang..", "java.util..",
                    "java.time..", "java.io..", "java.nio..", "java.net..", "java.security..", "javax.net.ssl..",
                    "com.fasterxml.jackson..", "org.slf4j", "io.varde.core", "io.varde.check", "io.varde.vantage")
                    .or(HasName.Predicates.name("io.varde.config.VantageConfig")))
            .because("probe agents and their endpoint run checks and carry results: the check core, JSON and "
                    + "java.net.http, the locations of the config, no HTTP server, prober, store or other edge "
                    + "(the wiring gives them probers and routes)");

    @ArchTest
    static final ArchRule quartzOnlyInSchedule = noClasses()
            .that().resideOutsideOfPackages("io.varde.schedule", "io.varde.app")
            .should().dependOnClassesThat().resideInAPackage("org.quartz..");
}
