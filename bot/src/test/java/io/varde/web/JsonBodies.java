package io.varde.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generated bodies for {@code POST /api/claims}, as bytes: JSON trees over the known field
 * names with plausible and wrong values (types, nulls, absurd numbers and timestamps, hosts
 * that are no hosts, reserved sources, lone surrogates as {@code \uD800} escapes and as raw
 * bytes, invalid UTF-8), nesting past Jackson's depth limit, huge arrays, truncated and
 * re-encoded JSON; and valid claims with exactly one field made wrong ({@link Mutated}). Times
 * are around {@code received}, the time the claim is received in the test.
 */
final class JsonBodies {

    /** A body and, when exactly one field of one claim was made wrong, that field's full name. */
    record Mutated(byte[] body, String field) {
        @Override
        public String toString() {
            return field + " in " + new String(body, StandardCharsets.UTF_8);
        }
    }

    static final List<String> HOSTS = List.of("www.trm.dk", "WWW.TRM.DK.", "https://www.skat.dk/search?q=1",
            "tastselv.skat.dk", "terma.com", "borger.dk", "127.0.0.1", "[::1]:8080", "::ffff:1.2.3.4",
            "xn--bcher-kva.de", "bücher.de", "www.cert.dk/www.cert.dk", "user@host.dk", "//x.dk",
            "https://[2001:db8::1]/x", "Борг.рф", "例え.jp", "_dmarc.x.dk", "x.dk:443");
    static final List<String> BAD_HOSTS = List.of("a b", "", " ", "trm!.dk", "a".repeat(64) + ".dk",
            "%00", "1.2.3.4.5", "[fe80::1%eth0]", "a..b", ".", "..", "host.dk:99999",
            "http://", "\\\\server\\share", "[::1", "x".repeat(300), "\u0000", "\u200b.dk", "\uFFFD.dk");
    static final List<String> SOURCES = List.of("partner-cert", "webhook", "WEBHOOK", "cert.dk", "ФСБ-watch",
            "slack", "alice (slack) mirror");
    static final List<String> RESERVED = List.of("task-list", "feed", "manual", "varde", "ddosia",
            "noname-telegram", "DDOSIA", " feed ", "\uff44\uff44\uff4f\uff53\uff49\uff41", "alice (slack)",
            "bob (discord)", "root(cli)");
    static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "1e999999", "-1e999999", "1E-999999",
            "123456789012345678901234567890123456789012345678901234567890", "1763020800", "1.7630208E9",
            "0.000000000000000000000000000001", "9223372036854775808", "-9223372036854775809",
            "1" + "0".repeat(999), "2" + "0".repeat(1200), "1." + "1".repeat(1500), "1e" + "9".repeat(20));
    /** The numbers Jackson reads (the others are longer than its 1,000 characters: not JSON to it). */
    static final List<String> NUMBERS_READ = NUMBERS.stream().filter(n -> n.length() <= 1000).toList();
    static final List<String> BAD_TIMES = List.of("0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z", "+1000000001-01-01T00:00:00Z",
            "2025-13-45T08:00:00Z", "2025-11-13T25:00:00Z", "2025-02-30T00:00:00Z", "2025-11-13T08:00:00",
            "2025-11-13", "13/11/2025 08:00", "", " ", "1763020800", "now", "2025-11-13T08:00:00+25:00",
            "2025-11-13T08:00:00.1234567891234Z", "1970-01-01T00:00:00Z", "2038-01-19T03:14:08Z",
            "2025-11-13T08:00:00Z\u0000", "２０２５-11-13T08:00:00Z");
    /** Strings that are not valid text: a lone surrogate, written as a JSON escape. */
    static final List<String> LONE_SURROGATE_ESCAPES = List.of("\\uD800", "\\uDFFF", "a\\uD83D", "\\uDE00b",
            "\\uD83D\\uD83D", "\\uDE00\\uD83D");
    /** Byte sequences that are not UTF-8 (the second to last: a surrogate, CESU-8 style). */
    static final List<byte[]> BAD_UTF8 = List.of(new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xC0, (byte) 0xAF},
            new byte[]{(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, new byte[]{(byte) 0xE2, (byte) 0x82},
            new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[]{(byte) 0x80}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{0});
    static final List<String> UNKNOWN_FIELDS = List.of("claimedAt", "hots", "Host", "", "__proto__", "hosts ",
            "\\u0000", "\\uD800", "source\\u0000");

    private final Instant received;

    JsonBodies(Instant received) {
        this.received = received;
    }

    /** Any body at all, of the kinds above. */
    Arbitrary<byte[]> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(35, Arbitraries.randomValue(r -> new Writer(r).body())),
                Tuple.of(15, mutated().map(Mutated::body)),
                Tuple.of(10, valid()),
                Tuple.of(10, Arbitraries.randomValue(r -> truncated(r, r.nextBoolean() ? valid(r) : new Writer(r).body()))),
                Tuple.of(8, Arbitraries.randomValue(this::reencoded)),
                Tuple.of(8, Arbitraries.randomValue(JsonBodies::deep)),
                Tuple.of(6, Arbitraries.randomValue(JsonBodies::hugeArray)),
                Tuple.of(4, Arbitraries.randomValue(JsonBodies::noise)));
    }

    /** A valid body: one claim or an array of up to 5, every field plausible. */
    Arbitrary<byte[]> valid() {
        return Arbitraries.randomValue(this::valid);
    }

    /** A valid body with exactly one field of one claim made wrong. */
    Arbitrary<Mutated> mutated() {
        return Arbitraries.randomValue(this::mutated);
    }

    // --- valid claims and their mutations ------------------------------------------------------

    private byte[] valid(Random r) {
        int n = r.nextInt(4) == 0 ? 1 + r.nextInt(5) : 0;
        if (n == 0) {
            return utf8(String.join("", validClaim(r, null, null)));
        }
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            claims.add(validClaim(r, null, null));
        }
        return utf8("[" + String.join(", ", claims) + "]");
    }

    private Mutated mutated(Random r) {
        int n = r.nextBoolean() ? 0 : 1 + r.nextInt(4);
        int wrong = n == 0 ? 0 : r.nextInt(n);
        List<String> fields = List.of("hosts", "host", "actor", "claimed_at", "source", "id", "paths", "links", "text");
        String field = fields.get(r.nextInt(fields.size()));
        String value = badValue(r, field);
        if (n == 0) {
            return new Mutated(utf8(validClaim(r, field, value)), field);
        }
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            claims.add(i == wrong ? validClaim(r, field, value) : validClaim(r, null, null));
        }
        return new Mutated(utf8("[" + String.join(", ", claims) + "]"), "claims[" + wrong + "]." + field);
    }

    /** A valid claim object, with {@code field} set to the JSON {@code value} when not null. */
    private String validClaim(Random r, String field, String value) {
        List<String> members = new ArrayList<>();
        boolean one = "host".equals(field) || (!"hosts".equals(field) && r.nextInt(3) == 0);
        if (one) {
            members.add("\"host\": " + (field != null && field.equals("host") ? value : str(pick(r, HOSTS))));
        } else {
            members.add("\"hosts\": " + (field != null && field.equals("hosts") ? value : strings(r, HOSTS, 1, 4)));
        }
        for (String f : List.of("actor", "claimed_at", "source", "id", "paths", "links", "text")) {
            if (f.equals(field)) {
                members.add(str(f) + ": " + value);
            } else if (r.nextBoolean()) {
                members.add(str(f) + ": " + validValue(r, f));
            }
        }
        java.util.Collections.shuffle(members, r);
        return "{" + String.join(", ", members) + "}";
    }

    private String validValue(Random r, String field) {
        return switch (field) {
            case "actor" -> r.nextInt(5) == 0 ? "null" : str(pick(r, List.of("NoName057(16)", "Killnet", "", "Анонимус")));
            case "claimed_at" -> r.nextInt(5) == 0 ? "null" : str(validTime(r));
            case "source" -> str(pick(r, SOURCES));
            case "id" -> str("post-" + r.nextInt(1_000_000));
            case "paths" -> strings(r, List.of("/", "/search?q=1", "/login", "/api/v1/x"), 0, 3);
            case "links" -> strings(r, List.of("https://t.me/noname05716/1234", "https://x.example/p"), 0, 2);
            case "text" -> str(pick(r, List.of("", "Denmark will pay", "🔥 DDoS на trm.dk", "x".repeat(8000))));
            default -> throw new IllegalArgumentException(field);
        };
    }

    private String validTime(Random r) {
        long seconds = -Duration.ofDays(30).toSeconds() + (long) (r.nextDouble() * (Duration.ofDays(30).toSeconds()
                + Duration.ofMinutes(5).toSeconds()));
        return received.plusSeconds(seconds).toString();
    }

    /** A JSON value that makes {@code field} wrong (never null for an optional field: that is "not given"). */
    private String badValue(Random r, String field) {
        List<String> generic = List.of("42", "true", "{}", "{\"x\": \"trm.dk\"}", "[1, 2]", pick(r, NUMBERS_READ));
        List<String> specific = switch (field) {
            case "hosts" -> List.of("null", "[]", "{\"x\": \"trm.dk\"}", str("www.trm.dk"), "[42]", "[null]",
                    "[" + str(pick(r, BAD_HOSTS)) + "]", "[\"trm.dk\", " + str(pick(r, BAD_HOSTS)) + "]",
                    "[\"" + pick(r, LONE_SURROGATE_ESCAPES) + "\"]", "[[\"trm.dk\"]]", "[" + str("x".repeat(2001)) + "]",
                    "[" + String.join(",", java.util.Collections.nCopies(51, "\"trm.dk\"")) + "]");
            case "host" -> List.of("null", str(pick(r, BAD_HOSTS)), "[\"trm.dk\"]", "\"" + pick(r, LONE_SURROGATE_ESCAPES)
                    + "\"", str("a".repeat(2001)), str("\uD83D\uDE00".repeat(1001)));
            case "claimed_at" -> List.of(str(pick(r, BAD_TIMES)), str(received.plus(Duration.ofMinutes(5)).plusSeconds(1
                    + r.nextInt(1_000_000)).toString()), str(received.minus(Duration.ofDays(30)).minusSeconds(1
                    + r.nextInt(1_000_000)).toString()));
            case "source" -> List.of(str(pick(r, RESERVED)), str(" "), str(""), str("partner\ncert"),
                    str("ddosia\u200b"), "\"" + pick(r, LONE_SURROGATE_ESCAPES) + "\"", str("s".repeat(201)));
            case "actor", "id" -> List.of(str("a".repeat(201)), "\"" + pick(r, LONE_SURROGATE_ESCAPES) + "\"");
            case "paths", "links" -> List.of(str("/"), "[42]", "[null]", "[" + str("p".repeat(2001)) + "]",
                    "[\"" + pick(r, LONE_SURROGATE_ESCAPES) + "\"]",
                    "[" + String.join(",", java.util.Collections.nCopies(51, "\"/x\"")) + "]");
            case "text" -> List.of(str("t".repeat(8001)), "\"" + pick(r, LONE_SURROGATE_ESCAPES) + "\"", "[\"text\"]");
            default -> throw new IllegalArgumentException(field);
        };
        return r.nextInt(3) == 0 ? pick(r, generic) : pick(r, specific);
    }

    // --- the other kinds ---------------------------------------------------------------------------

    private static byte[] truncated(Random r, byte[] body) {
        return body.length <= 1 ? new byte[0] : Arrays.copyOf(body, r.nextInt(body.length));
    }

    /** A valid body in UTF-16 or UTF-32 (Jackson detects them), sometimes with a byte too few. */
    private byte[] reencoded(Random r) {
        String text = new String(valid(r), StandardCharsets.UTF_8);
        Charset charset = Charset.forName(pick(r, List.of("UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE")));
        byte[] bytes = text.getBytes(charset);
        return r.nextBoolean() ? bytes : Arrays.copyOf(bytes, bytes.length - 1 - r.nextInt(3));
    }

    /** Nesting around Jackson's limit (1,000), in a field or as the whole body. */
    private static byte[] deep(Random r) {
        int depth = pick(r, List.of(999, 1000, 1001, 5_000, 20_000));
        boolean objects = r.nextBoolean();
        String open = objects ? "{\"hosts\": " : "[";
        String close = objects ? "}" : "]";
        String inner = open.repeat(depth) + "\"trm.dk\"" + close.repeat(r.nextInt(4) == 0 ? depth / 2 : depth);
        return utf8(r.nextBoolean() ? inner : "{\"host\": \"trm.dk\", \"text\": " + inner + "}");
    }

    /** Arrays of thousands of entries where a few are allowed (within the 64 KiB body limit). */
    private static byte[] hugeArray(Random r) {
        int n = pick(r, List.of(101, 1_000, 10_000, 20_000));
        String item = pick(r, List.of("1", "\"trm.dk\"", "null", "{}", "[]"));
        String array = "[" + String.join(",", java.util.Collections.nCopies(n, item)) + "]";
        return utf8(switch (r.nextInt(4)) {
            case 0 -> array;
            case 1 -> "{\"hosts\": " + array + "}";
            case 2 -> "{\"host\": \"trm.dk\", \"paths\": " + array + "}";
            default -> "[" + String.join(",", java.util.Collections.nCopies(Math.min(n, 3_000),
                    "{\"host\": \"trm.dk\"}")) + "]";
        });
    }

    /** Bytes that may not be JSON at all. */
    private static byte[] noise(Random r) {
        byte[] b = new byte[r.nextInt(200)];
        r.nextBytes(b);
        return b;
    }

    // --- arbitrary JSON trees ------------------------------------------------------------------------

    /** Writes one random JSON tree as bytes, now and then with raw bytes that are not UTF-8. */
    private final class Writer {
        private final Random r;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer(Random r) {
            this.r = r;
        }

        byte[] body() {
            int kind = r.nextInt(10);
            if (kind < 7) {
                claimObject(0);
            } else if (kind < 9) {
                write("[");
                int n = r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    write(i > 0 ? ", " : "");
                    if (r.nextInt(6) == 0) {
                        value(1);
                    } else {
                        claimObject(1);
                    }
                }
                write("]");
            } else {
                value(0);
            }
            if (r.nextInt(30) == 0) {
                write(pick(r, List.of(" {}", " x", ",", "\u0000", " ]")));
            }
            return out.toByteArray();
        }

        /** An object of mostly known field names, each with a plausible or any value. */
        private void claimObject(int depth) {
            write("{");
            int n = r.nextInt(7);
            for (int i = 0; i < n; i++) {
                write(i > 0 ? ", " : "");
                String name = r.nextInt(8) == 0 ? pick(r, UNKNOWN_FIELDS) : pick(r, ClaimsBody.FIELDS);
                write("\"" + name + "\": ");
                if (r.nextBoolean()) {
                    plausible(name, depth + 1);
                } else {
                    value(depth + 1);
                }
            }
            write("}");
        }

        private void plausible(String field, int depth) {
            switch (field) {
                case "hosts", "paths", "links" -> {
                    write("[");
                    int n = r.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        write(i > 0 ? ", " : "");
                        if (r.nextInt(4) == 0) {
                            value(depth + 1);
                        } else {
                            hostString();
                        }
                    }
                    write("]");
                }
                case "host" -> hostString();
                case "claimed_at" -> write(str(r.nextBoolean() ? pick(r, BAD_TIMES) : validTime(r)));
                case "source" -> write(str(pick(r, r.nextBoolean() ? RESERVED : SOURCES)));
                default -> string();
            }
        }

        private void hostString() {
            if (r.nextInt(4) == 0) {
                string();
            } else {
                write(str(pick(r, r.nextBoolean() ? HOSTS : BAD_HOSTS)));
            }
        }

        private void value(int depth) {
            int kind = r.nextInt(depth > 4 ? 4 : 7);
            switch (kind) {
                case 0 -> write("null");
                case 1 -> write(r.nextBoolean() ? "true" : "false");
                case 2 -> write(r.nextBoolean() ? pick(r, NUMBERS) : Long.toString(r.nextLong()));
                case 3 -> string();
                case 4, 5 -> {
                    write("[");
                    int n = r.nextInt(5);
                    for (int i = 0; i < n; i++) {
                        write(i > 0 ? ", " : "");
                        value(depth + 1);
                    }
                    write("]");
                }
                default -> claimObject(depth);
            }
        }

        /** A string of random pieces: text, escapes (lone surrogates among them), raw bad bytes. */
        private void string() {
            write("\"");
            int pieces = r.nextInt(6);
            for (int i = 0; i < pieces; i++) {
                switch (r.nextInt(7)) {
                    case 0 -> write(pick(r, LONE_SURROGATE_ESCAPES));
                    case 1 -> out.writeBytes(pick(r, BAD_UTF8));
                    case 2 -> write(String.format("\\u%04x", r.nextInt(0x10000)));
                    case 3 -> write(escape(new String(Character.toChars(r.nextInt(0x110000 - 0x800) + 0x800
                            & 0x10FFFF)).replaceAll("[\\uD800-\\uDFFF]", "x")));
                    case 4 -> write(pick(r, List.of("\\n", "\\\"", "\\\\", "\\/", "\\t", "\\u0000", "\\x", "\\u12")));
                    case 5 -> write("x".repeat(pick(r, List.of(1, 80, 200, 201, 2000, 2001, 8001))));
                    default -> write(escape(pick(r, HOSTS)));
                }
            }
            write("\"");
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static <T> T pick(Random r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }

    private static String strings(Random r, List<String> from, int min, int max) {
        int n = min + r.nextInt(max - min + 1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(str(pick(r, from)));
        }
        return "[" + String.join(", ", out) + "]";
    }

    /** {@code s} as a JSON string (control characters escaped; everything else as is). */
    static String str(String s) {
        return "\"" + escape(s) + "\"";
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
