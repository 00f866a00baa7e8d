package io.varde.intel;

/**
 * The character classes and index walks behind {@link TextHosts}: where a URL or a run of name
 * characters ends, which trailing punctuation belongs to the sentence, where a path starts.
 * Every method walks forward or backward once over the range it is given, so the whole scan
 * stays linear in the text. Indexes are UTF-16 positions in the text; code points outside the
 * Basic Multilingual Plane are stepped over whole.
 */
final class TextScan {

    /** Sentence punctuation that may end a URL's text but not the URL. */
    private static final String TRAILING = ".,;:!?'*";
    private static final String OPENERS = "([{";
    private static final String CLOSERS = ")]}";
    /** ASCII characters a URL never holds unescaped (RFC 3986 section 2). */
    private static final String NOT_IN_URL = "\"<>\\^`{|}";

    private TextScan() {
    }

    /** A dot as IDNA reads it: full stop, ideographic, full-width and half-width full stops. */
    static boolean isDot(int c) {
        return c == '.' || c == '\u3002' || c == '\uFF0E' || c == '\uFF61';
    }

    /** What a bare host name is made of: letters, digits and marks of any script, dots, - and _. */
    static boolean isRunChar(int cp) {
        return Character.isLetterOrDigit(cp) || isMark(cp) || isDot(cp) || cp == '-' || cp == '_';
    }

    static boolean hasDot(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isDot(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The length of an {@code http://} or {@code https://} scheme at {@code i}, else 0. */
    static int schemeLength(String s, int i) {
        if (s.regionMatches(true, i, "https://", 0, 8)) {
            return 8;
        }
        return s.regionMatches(true, i, "http://", 0, 7) ? 7 : 0;
    }

    /** The end of the URL characters from {@code from}: ASCII that URLs hold, or IRI letters. */
    static int urlEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            boolean ascii = cp > 0x20 && cp < 0x7f && NOT_IN_URL.indexOf(cp) < 0;
            if (!ascii && !(cp >= 0x80 && (Character.isLetterOrDigit(cp) || isMark(cp)))) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    /**
     * {@code end} moved back over sentence punctuation, and over closing brackets that
     * {@code s[from, end)} does not open ({@code (see https://x.dk/a_(b))} keeps one).
     */
    static int trimTrailing(String s, int from, int end) {
        int[] balance = new int[OPENERS.length()];
        for (int i = from; i < end; i++) {
            int open = OPENERS.indexOf(s.charAt(i));
            int close = CLOSERS.indexOf(s.charAt(i));
            if (open >= 0) {
                balance[open]++;
            } else if (close >= 0) {
                balance[close]--;
            }
        }
        int e = end;
        while (e > from) {
            char c = s.charAt(e - 1);
            int close = CLOSERS.indexOf(c);
            if (TRAILING.indexOf(c) >= 0) {
                e--;
            } else if (close >= 0 && balance[close] < 0) {
                balance[close]++;
                e--;
            } else {
                break;
            }
        }
        return e;
    }

    /** Where the authority starting at {@code from} ends: at / ? # or at {@code end}. */
    static int authorityEnd(String s, int from, int end) {
        int i = from;
        while (i < end && "/?#".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    /** The path and query in {@code s[from, end)}, without the fragment; {@code "/"} when empty. */
    static String path(String s, int from, int end) {
        int i = from;
        while (i < end && s.charAt(i) != '#') {
            i++;
        }
        String path = s.substring(from, i);
        if (path.isEmpty()) {
            return "/";
        }
        return path.charAt(0) == '?' ? "/" + path : path;
    }

    /**
     * The end of the run of name characters at {@code start}: at the first other character, or
     * where a Latin letter touches a letter of another script ({@code сайтыborger.dk}).
     */
    static int runEnd(String s, int start) {
        int i = start;
        int previous = -1;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!isRunChar(cp) || i > start && scriptBreak(previous, cp)) {
                break;
            }
            previous = cp;
            i += Character.charCount(cp);
        }
        return i;
    }

    /** The first position in {@code [from, end)} where two dots follow each other, else end. */
    static int nextDoubleDot(String s, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (isDot(s.charAt(i)) && isDot(s.charAt(i + 1))) {
                return i;
            }
        }
        return end;
    }

    static int skipDots(String s, int from, int end) {
        int i = from;
        while (i < end && isDot(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code from} moved past leading dots, hyphens and underscores. */
    static int skipEdge(String s, int from, int to) {
        int i = from;
        while (i < to && isEdge(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** {@code to} moved back over trailing dots, hyphens and underscores. */
    static int trimEdge(String s, int from, int to) {
        int i = to;
        while (i > from && isEdge(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    /** The end of a {@code :port} at {@code i} (1 to 5 digits, no letter after), else i. */
    static int portEnd(String s, int i) {
        if (i >= s.length() || s.charAt(i) != ':') {
            return i;
        }
        int j = i + 1;
        while (j < s.length() && j - i <= 6 && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
            j++;
        }
        int digits = j - i - 1;
        boolean ends = j == s.length() || !Character.isLetterOrDigit(s.codePointAt(j));
        return digits >= 1 && digits <= 5 && ends ? j : i;
    }

    /**
     * Where a word glued to the end of a name starts, or -1: at the first hyphen of the last
     * label (a Danish compound, {@code borger.dk-angrebet}), or at the first dot where a label
     * opens a new sentence: it starts with a capital, or its letters are of another script than
     * the label before ({@code skat.dk.Сегодня}, {@code borger.dk.и.и}). The caller checks the
     * name before it.
     */
    static int wordAfterName(String name) {
        int last = name.length() - 1;
        while (last >= 0 && !isDot(name.charAt(last))) {
            last--;
        }
        if (last <= 0 || last == name.length() - 1) {
            return -1;
        }
        int hyphen = name.indexOf('-', last + 1);
        if (hyphen > last + 1) {
            return hyphen;
        }
        for (int dot = 1; dot < name.length() - 1; dot++) {
            if (!isDot(name.charAt(dot))) {
                continue;
            }
            int first = name.codePointAt(dot + 1);
            int before = name.codePointBefore(dot);
            boolean newScript = Character.isLetter(first) && Character.isLetter(before)
                    && isLatin(first) != isLatin(before);
            if (Character.isUpperCase(first) || newScript) {
                return dot;
            }
        }
        return -1;
    }

    private static boolean isEdge(char c) {
        return isDot(c) || c == '-' || c == '_';
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean scriptBreak(int previous, int cp) {
        if (!Character.isLetter(previous) || !Character.isLetter(cp)) {
            return false;
        }
        return isLatin(previous) != isLatin(cp);
    }

    private static boolean isLatin(int letter) {
        return letter < 0x80 || Character.UnicodeScript.of(letter) == Character.UnicodeScript.LATIN;
    }
}
