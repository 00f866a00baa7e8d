package io.varde.intel.feed;

import com.rometools.rome.feed.synd.SyndContent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A feed entry's title and body as plain text, and the {@code href}s of the links in its HTML.
 * HTML is read by jsoup, as a browser would (unclosed tags, entities, scripts left out); a body
 * typed as plain text is kept as it is. When the body starts with the title (a Telegram bridge
 * makes the title of the post's first line), the title is not repeated.
 *
 * @param text  title, a new line, then the body; whitespace runs collapsed
 * @param hrefs absolute http(s) link targets in the body's HTML, each once, in order
 */
record EntryText(String text, List<String> hrefs) {

    EntryText {
        hrefs = List.copyOf(hrefs);
    }

    /** The text of an entry with {@code title} (may hold HTML or entities) and {@code body} parts. */
    static EntryText of(String title, List<SyndContent> body) {
        String plainTitle = title == null ? "" : Jsoup.parse(title).text();
        StringBuilder plainBody = new StringBuilder();
        Set<String> hrefs = new LinkedHashSet<>();
        for (SyndContent part : body) {
            String value = part.getValue() == null ? "" : part.getValue();
            String text;
            if (isPlain(part.getType())) {
                text = value.strip().replaceAll("\\s+", " ");
            } else {
                Document html = Jsoup.parseBodyFragment(value);
                text = html.body().text();
                for (Element a : html.select("a[href]")) {
                    String href = a.attr("href").strip();
                    if (href.regionMatches(true, 0, "http://", 0, 7) || href.regionMatches(true, 0, "https://", 0, 8)) {
                        hrefs.add(href);
                    }
                }
            }
            if (!text.isEmpty()) {
                plainBody.append(plainBody.length() == 0 ? "" : "\n").append(text);
            }
        }
        String b = plainBody.toString();
        String joined;
        if (plainTitle.isEmpty() || b.startsWith(plainTitle.replaceAll("(…|\\.\\.\\.)$", ""))) {
            joined = b.isEmpty() ? plainTitle : b;
        } else {
            joined = b.isEmpty() ? plainTitle : plainTitle + "\n" + b;
        }
        return new EntryText(joined, new ArrayList<>(hrefs));
    }

    /** {@code text}, {@code text/plain}: not HTML. A missing type is HTML, as in RSS descriptions. */
    private static boolean isPlain(String type) {
        if (type == null) {
            return false;
        }
        String t = type.toLowerCase(Locale.ROOT);
        return t.equals("text") || t.equals("text/plain");
    }
}
