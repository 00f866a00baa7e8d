package io.varde.intel;

import com.google.common.net.InternetDomainName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pulls host names and URLs out of free text in any language: a Telegram post bridged to RSS,
 * a claim's description ({@code "Атакованы сайты: borger.dk, www.trm.dk и skat.dk 🔥"}). Every
 * candidate is read by {@link HostNames#normalise(String)}; this class only decides where a
 * candidate starts and ends.
 *
 * <p>Two kinds of candidate. An {@code http://} or {@code https://} URL runs to the first space
 * or character a URL cannot hold (quotes, guillemets, {@code …}, emoji), and loses the
 * punctuation of the sentence it ends ({@code . , ; : ! ? '}, and a closing bracket it does not
 * open); its host may be any name or IP literal. A bare name is a run of letters, digits, marks,
 * {@code -}, {@code _} and dots between other characters, split where Latin letters touch
 * letters of another script ({@code сайтыborger.dk}) and at two or more dots in a row; it counts
 * only when it sits directly under an ICANN suffix of the public suffix list
 * ({@link InternetDomainName#isUnderRegistrySuffix()}), which leaves out file names
 * ({@code report.pdf}), versions and dates ({@code v1.2.3}, {@code 12.11.2025}), bare IPs and
 * single words, but keeps {@code Denmark.Today} ({@code .today} is a real TLD). Two file
 * extensions that are also TLDs, {@code .zip} and {@code .mov}, are not taken bare. When a word is
 * glued to a name that alone would count, the name is taken without it: a Danish compound
 * ({@code borger.dk-angrebet}) or the next sentence after a dot ({@code skat.dk.Сегодня},
 * {@code skat.dk.Derefter}). A bare name may carry a
 * port ({@code kk.dk:443}) and a path ({@code t.me/noname05716}).
 *
 * <p>Linear in the text: one pass, no regular expression over the text, candidates longer than
 * a host name can be are dropped before they are read. Pure and thread-safe.
 */
public final class TextHosts {

    /**
     * One host found in the text.
     *
     * @param raw  the text it was read from, as written: {@code "https://skat.dk/login"},
     *             {@code "Skat.dk"}, {@code "kk.dk:443"}
     * @param host the host as {@link HostNames#normalise(String)} reads it
     * @param path when the text was a URL, or a bare name followed by {@code /}: its path and query
     *             as written, the fragment dropped (never sent to a server), {@code "/"} when
     *             empty; empty for a bare name
     */
    public record Found(String raw, HostName host, Optional<String> path) {

        public Found {
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(path, "path");
        }
    }

    /** The longest host name (253) with the longest port ({@code :65535}). */
    private static final int MAX_AUTHORITY = 253 + 6;
    private static final Set<String> FILE_EXTENSION_TLDS = Set.of("zip", "mov");

    private TextHosts() {
    }

    /**
     * The hosts named in {@code text}, distinct by {@link HostName#host()} in order of first
     * appearance (the first mention's raw text and path are kept). Never throws; null reads as
     * empty text.
     */
    public static List<Found> extract(String text) {
        String s = text == null ? "" : text;
        Map<String, Found> found = new LinkedHashMap<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            if (!TextScan.isRunChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int scheme = TextScan.schemeLength(s, i);
            if (scheme > 0) {
                i = url(s, i, scheme, found);
            } else {
                i = bare(s, i, found);
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * Reads the URL whose scheme starts at {@code start}; returns where scanning goes on. A
     * doubled scheme ({@code https://https://x.dk}, a common slip) is read as one.
     */
    private static int url(String s, int start, int scheme, Map<String, Found> found) {
        if (TextScan.schemeLength(s, start + scheme) > 0) {
            return start + scheme;
        }
        int end = TextScan.trimTrailing(s, start + scheme, TextScan.urlEnd(s, start + scheme));
        int authorityEnd = TextScan.authorityEnd(s, start + scheme, end);
        if (authorityEnd > start + scheme) {
            HostReading reading = HostNames.normalise(s.substring(start, authorityEnd));
            if (reading instanceof HostReading.Read read) {
                add(found, s.substring(start, end), read.host(),
                        Optional.of(TextScan.path(s, authorityEnd, end)));
            }
        }
        return Math.max(end, start + scheme);
    }

    /**
     * Reads the run of name characters starting at {@code start}; returns its end, or the end of
     * the port and path read after it (so a path is never scanned twice).
     */
    private static int bare(String s, int start, Map<String, Found> found) {
        int runEnd = TextScan.runEnd(s, start);
        int consumed = runEnd;
        int segment = start;
        while (segment < runEnd) {
            int next = TextScan.nextDoubleDot(s, segment, runEnd);
            int from = TextScan.skipEdge(s, segment, next);
            int to = TextScan.trimEdge(s, from, next);
            if (from < to) {
                boolean last = next == runEnd && to == runEnd;
                consumed = Math.max(consumed, candidate(s, from, to, last, found));
            }
            segment = TextScan.skipDots(s, next, runEnd);
        }
        return consumed;
    }

    /**
     * A bare candidate {@code s[from, to)}; a port or path may follow when {@code touchesEnd}.
     * Returns the end of what it read.
     */
    private static int candidate(String s, int from, int to, boolean touchesEnd,
            Map<String, Found> found) {
        String name = s.substring(from, to);
        Optional<HostName> host = bareHost(name);
        if (host.isEmpty()) {
            int cut = TextScan.wordAfterName(name);
            if (cut > 0) {
                String shorter = name.substring(0, cut);
                bareHost(shorter).ifPresent(h -> add(found, shorter, h, Optional.empty()));
            }
            return to;
        }
        int afterPort = touchesEnd ? TextScan.portEnd(s, to) : to;
        Optional<HostName> withPort =
                afterPort > to ? bareHost(s.substring(from, afterPort)) : host;
        if (withPort.isEmpty()) {
            afterPort = to;
            withPort = host;
        }
        if (touchesEnd && afterPort < s.length() && s.charAt(afterPort) == '/') {
            int end = TextScan.trimTrailing(s, afterPort, TextScan.urlEnd(s, afterPort));
            add(found, s.substring(from, end), withPort.get(),
                    Optional.of(TextScan.path(s, afterPort, end)));
            return end;
        }
        add(found, s.substring(from, afterPort), withPort.get(), Optional.empty());
        return afterPort;
    }

    /**
     * {@code name} read as a host directly under an ICANN public suffix, or empty. Names longer
     * than a host with a port can be are dropped unread.
     */
    private static Optional<HostName> bareHost(String name) {
        if (name.length() > MAX_AUTHORITY || !TextScan.hasDot(name)) {
            return Optional.empty();
        }
        if (!(HostNames.normalise(name) instanceof HostReading.Read read) || read.host().ip()) {
            return Optional.empty();
        }
        String ascii = read.host().host();
        if (!InternetDomainName.isValid(ascii)) {
            return Optional.empty();
        }
        InternetDomainName domain = InternetDomainName.from(ascii);
        if (!domain.isUnderRegistrySuffix()
                || FILE_EXTENSION_TLDS.contains(ascii.substring(ascii.lastIndexOf('.') + 1))) {
            return Optional.empty();
        }
        return Optional.of(read.host());
    }

    private static void add(Map<String, Found> found, String raw, HostName host,
            Optional<String> path) {
        found.putIfAbsent(host.host(), new Found(raw, host, path));
    }
}
