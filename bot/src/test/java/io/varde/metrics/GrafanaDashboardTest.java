package io.varde.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/grafana/varde.json} is a Grafana dashboard to import as it is: valid JSON, one
 * {@code ${DS_PROMETHEUS}} datasource input, and every metric and label it queries exists (is in
 * the golden list), so a renamed metric cannot leave the dashboard silently empty.
 */
class GrafanaDashboardTest {

    private static final Pattern METRIC = Pattern.compile("\\b((?:varde|jvm|process|system)_[a-z0-9_]+)(\\{[^}]*})?");
    private static final Pattern LABEL_KEY = Pattern.compile("([a-z_]+)\\s*(?:=~|!~|!=|=)");

    private static JsonNode dashboard;
    private static Map<String, Set<String>> goldenLabels;

    @BeforeAll
    static void read() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/grafana/varde.json"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docs/grafana/varde.json above the working directory").isNotNull();
        dashboard = new ObjectMapper().readTree(dir.resolve("docs/grafana/varde.json").toFile());
        goldenLabels = new HashMap<>();
        for (String line : VardeMetricsTest.golden()) {
            int brace = line.indexOf('{');
            String name = brace < 0 ? line : line.substring(0, brace);
            Set<String> keys = new HashSet<>();
            if (brace >= 0) {
                keys.addAll(List.of(line.substring(brace + 1, line.length() - 1).split(",")));
            }
            goldenLabels.put(name, keys);
        }
    }

    /** Every PromQL expression of the dashboard: panel targets and variable queries. */
    private static List<String> expressions() {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(t -> out.add(t.path("expr").asText()));
        }
        dashboard.path("templating").path("list").forEach(v -> out.add(v.path("definition").asText()));
        return out;
    }

    @Test
    void itTakesItsPrometheusAsAnImportInput() {
        assertThat(dashboard.path("__inputs")).hasSize(1);
        assertThat(dashboard.path("__inputs").get(0).path("name").asText()).isEqualTo("DS_PROMETHEUS");
        assertThat(dashboard.path("schemaVersion").asInt()).as("Grafana 10+").isGreaterThanOrEqualTo(36);
        for (JsonNode panel : dashboard.path("panels")) {
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                        .isEqualTo("${DS_PROMETHEUS}");
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            }
        }
    }

    @Test
    void everyMetricAndLabelItQueriesIsInTheGoldenList() {
        Set<String> unknown = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (String expr : expressions()) {
            assertThat(expr).isNotBlank();
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                String name = m.group(1);
                used.add(name);
                Set<String> keys = goldenLabels.get(name);
                if (keys == null) {
                    unknown.add(name);
                    continue;
                }
                if (m.group(2) != null) {
                    Matcher k = LABEL_KEY.matcher(m.group(2));
                    while (k.find()) {
                        if (!keys.contains(k.group(1))) {
                            unknown.add(name + "{" + k.group(1) + "}");
                        }
                    }
                }
            }
        }
        assertThat(unknown).as("queried by docs/grafana/varde.json but not exported").isEmpty();
        assertThat(used).as("the panels the dashboard promises").contains("varde_target_up",
                "varde_check_duration_seconds_bucket", "varde_check_failures_total", "varde_incidents",
                "varde_notifications_sent_total", "varde_notifications_failed_total", "varde_notifications_queued",
                "varde_rate_limit_waits_total", "jvm_memory_used_bytes", "process_cpu_usage");
    }
}
