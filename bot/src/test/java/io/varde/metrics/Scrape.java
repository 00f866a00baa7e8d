package io.varde.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.SortedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text-format scrape (0.0.4), read for tests: each sample line as its
 * metric name, labels and value. Comment lines ({@code # HELP}, {@code # TYPE}) are skipped.
 */
record Scrape(List<Sample> samples) {

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One sample: {@code name{labels} value}. */
    record Sample(String name, Map<String, String> labels, double value) {

        /** {@code name{key,key}} with the label keys sorted, or {@code name} without labels: a golden line. */
        String shape() {
            return labels.isEmpty() ? name : name + "{" + String.join(",", labels.keySet()) + "}";
        }
    }

    static Scrape parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new TreeMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new Scrape(List.copyOf(out));
    }

    /** Every distinct {@link Sample#shape()}, sorted. */
    SortedSet<String> shapes() {
        SortedSet<String> out = new TreeSet<>();
        samples.forEach(s -> out.add(s.shape()));
        return out;
    }

    /** The value of the sample named {@code name} with exactly these labels ({@code key, value, ...}). */
    Optional<Double> value(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted))
                .map(Sample::value).findFirst();
    }
}
