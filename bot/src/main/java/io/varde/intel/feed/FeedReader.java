package io.varde.intel.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.varde.intel.ClaimSource;
import io.varde.intel.IntelSource;
import io.varde.intel.RawClaim;
import io.varde.intel.TextHosts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an RSS (0.9x, 1.0, 2.0) or Atom feed, parsed by ROME, into one {@link RawClaim} per entry
 * that names a host: a post on a Telegram channel bridged to RSS, a researcher's blog. An entry
 * naming no host gives no claim.
 *
 * <p>Per entry: {@code ref} is its guid or Atom id, else its link, else a digest of its text (so
 * that polling the same entry again stores it once); {@code actor} is the source's;
 * {@code claimedAt} its published time, else its updated time, else none; {@code text} its title
 * and body as plain text ({@link EntryText}: HTML removed, entities decoded). Hosts come from
 * that text and from the entry's other links and the {@code href}s in its HTML, since a bridge
 * often puts the target only in an {@code <a href>}. The entry's own link is where the post is:
 * a proof link, and its host (say {@code t.me}) is claimed only when the text names it.
 * Links are the entry's link, then every http(s) URL in the text and the hrefs.
 *
 * <p>DOCTYPEs are refused, so a feed cannot make the parser read local files or other URLs
 * (XXE).
 */
public final class FeedReader {

    /**
     * What a feed gave.
     *
     * @param entries how many entries it has
     * @param claims  one per entry that names a host, in feed order
     * @param hosts   the distinct hosts they name
     */
    public record Reading(int entries, List<RawClaim> claims, int hosts) {

        public Reading {
            claims = List.copyOf(claims);
        }
    }

    private FeedReader() {
    }

    /**
     * Reads a feed of {@code source}.
     *
     * @param contentType the HTTP {@code Content-Type}, whose charset wins over the XML prolog as
     *                    RFC 3023 says; empty for a file
     * @param observedAt  when Varde read it
     * @throws FeedFormatException when the content is not a well-formed RSS or Atom feed
     */
    public static Reading read(InputStream in, String contentType, IntelSource source, Instant observedAt)
            throws IOException {
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            XmlReader xml = contentType == null || contentType.isBlank()
                    ? new XmlReader(in, true)
                    : new XmlReader(in, contentType, true);
            feed = input.build(xml);
        } catch (IllegalArgumentException e) {
            // ROME's word for well-formed XML of another kind (an HTML page, a captcha)
            throw new FeedFormatException(source.name() + ": not an RSS or Atom feed: XML of another kind");
        } catch (FeedException | IOException e) {
            throw new FeedFormatException(source.name() + ": not an RSS or Atom feed: " + firstLine(e.getMessage()));
        }
        List<RawClaim> claims = new ArrayList<>();
        Set<String> hosts = new LinkedHashSet<>();
        for (SyndEntry entry : feed.getEntries()) {
            RawClaim claim = claim(entry, source, observedAt, hosts);
            if (claim != null) {
                claims.add(claim);
            }
        }
        return new Reading(feed.getEntries().size(), claims, hosts.size());
    }

    /** The claim of one entry, or null when it names no host; adds its hosts to {@code allHosts}. */
    private static RawClaim claim(SyndEntry entry, IntelSource source, Instant observedAt, Set<String> allHosts) {
        EntryText text = EntryText.of(entry.getTitle(), body(entry));
        String link = blankToEmpty(entry.getLink());
        Map<String, String> hosts = new LinkedHashMap<>();
        Set<String> links = new LinkedHashSet<>();
        if (!link.isEmpty()) {
            links.add(link);
        }
        for (TextHosts.Found f : TextHosts.extract(text.text())) {
            hosts.putIfAbsent(f.host().host(), f.raw());
            addIfUrl(links, f.raw());
        }
        String proofHost = proofHost(link);
        List<String> elsewhere = new ArrayList<>(text.hrefs());
        for (SyndLink l : entry.getLinks()) {
            if (l.getHref() != null && !l.getHref().equals(link)) {
                elsewhere.add(l.getHref());
            }
        }
        for (String href : elsewhere) {
            for (TextHosts.Found f : TextHosts.extract(href)) {
                if (!f.host().host().equals(proofHost)) {
                    hosts.putIfAbsent(f.host().host(), f.raw());
                    addIfUrl(links, f.raw());
                }
            }
        }
        if (hosts.isEmpty()) {
            return null;
        }
        allHosts.addAll(hosts.keySet());
        return new RawClaim(ClaimSource.FEED, source.name(), ref(entry, link, text.text()), source.actor(),
                claimedAt(entry), observedAt, List.copyOf(hosts.values()), List.of(), List.copyOf(links),
                text.text());
    }

    /** The entry's content (Atom {@code content}, RSS {@code content:encoded}), else its description. */
    private static List<SyndContent> body(SyndEntry entry) {
        if (!entry.getContents().isEmpty()) {
            return entry.getContents();
        }
        return entry.getDescription() == null ? List.of() : List.of(entry.getDescription());
    }

    private static String ref(SyndEntry entry, String link, String text) {
        String uri = blankToEmpty(entry.getUri());
        if (!uri.isEmpty()) {
            return uri;
        }
        if (!link.isEmpty()) {
            return link;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Instant claimedAt(SyndEntry entry) {
        Date at = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        return at == null ? null : at.toInstant();
    }

    /** The host of the entry's own link, or empty. */
    private static String proofHost(String link) {
        List<TextHosts.Found> found = TextHosts.extract(link);
        return found.isEmpty() ? "" : found.get(0).host().host();
    }

    private static void addIfUrl(Set<String> links, String raw) {
        if (raw.regionMatches(true, 0, "http://", 0, 7) || raw.regionMatches(true, 0, "https://", 0, 8)) {
            links.add(raw);
        }
    }

    private static String blankToEmpty(String s) {
        return s == null || s.isBlank() ? "" : s.strip();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Content that is not a well-formed RSS or Atom feed. */
    public static final class FeedFormatException extends IOException {

        private static final long serialVersionUID = 1L;

        FeedFormatException(String message) {
            super(message);
        }
    }
}
