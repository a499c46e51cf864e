package io.dialtone.router;

import java.util.Objects;

/**
 * Subject rules of NATS, with the behaviour of nats-server 2.9.10 ({@code server/sublist.go}).
 *
 * <p>A subject is a non-empty list of non-empty tokens separated by {@code '.'}. A token that is
 * exactly {@code *} matches any one token; a token that is exactly {@code >} matches one or more
 * tokens and may only be the last token. {@code *} or {@code >} inside a longer token ({@code foo*},
 * {@code >bar}) is an ordinary character. No whitespace ({@code ' ' '\t' '\n' '\r' '\f'}) is allowed
 * anywhere.
 *
 * <p>None of these methods allocates.
 */
public final class Subjects {

    /** The token separator. */
    public static final char SEPARATOR = '.';
    /** The partial wildcard: matches exactly one token. */
    public static final char PWC = '*';
    /** The full wildcard: matches one or more trailing tokens. */
    public static final char FWC = '>';

    private Subjects() {
    }

    /**
     * Whether {@code subject} is a valid subscription subject: non-empty, no empty token, no
     * whitespace, {@code >} only as the last token. Wildcards are allowed. {@code null} is invalid.
     */
    public static boolean isValidSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            return false;
        }
        int start = 0;
        boolean afterFwc = false;
        final int len = subject.length();
        for (int i = 0; i <= len; i++) {
            if (i == len || subject.charAt(i) == SEPARATOR) {
                if (i == start || afterFwc) {
                    return false; // empty token, or a token after '>'
                }
                afterFwc = i - start == 1 && subject.charAt(start) == FWC;
                start = i + 1;
            } else if (isWhitespace(subject.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code subject} is valid (see {@link #isValidSubject}) and has no wildcard token, i.e. it
     * can be published to. Same as nats-server's {@code IsValidPublishSubject}; nats-server's own
     * {@code IsValidLiteralSubject} does not look for whitespace, this one does.
     */
    public static boolean isValidLiteralSubject(String subject) {
        return isValidSubject(subject) && subjectIsLiteral(subject);
    }

    /**
     * Whether {@code subject} has no wildcard token ({@code *} or {@code >} standing alone as a token).
     * Does not check validity.
     */
    public static boolean subjectIsLiteral(String subject) {
        final int len = subject.length();
        for (int i = 0; i < len; i++) {
            char c = subject.charAt(i);
            if ((c == PWC || c == FWC)
                    && (i == 0 || subject.charAt(i - 1) == SEPARATOR)
                    && (i + 1 == len || subject.charAt(i + 1) == SEPARATOR)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code queue} can be a queue group name. nats-server has no rule of its own beyond the
     * protocol: the name is one whitespace-separated argument of {@code SUB}, so it must be non-empty
     * and contain no whitespace. Dots and wildcard characters are ordinary characters in a queue name.
     */
    public static boolean isValidQueueName(String queue) {
        if (queue == null || queue.isEmpty()) {
            return false;
        }
        for (int i = 0; i < queue.length(); i++) {
            if (isWhitespace(queue.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the literal subject {@code literalSubject} is matched by {@code pattern}, exactly as the
     * {@link SubjectIndex} matches it: tokens of the literal are compared as plain strings, {@code *} in
     * the pattern matches any one token, a final {@code >} matches one or more tokens. False when the
     * literal has an empty token or the pattern is not a well-formed pattern (empty token, {@code >}
     * not last).
     */
    public static boolean subjectMatches(String literalSubject, String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (!hasNoEmptyToken(literalSubject) || pattern.isEmpty()) {
            return false;
        }
        final int ll = literalSubject.length();
        final int pl = pattern.length();
        int li = 0;
        int pi = 0;
        while (true) {
            int le = tokenEnd(literalSubject, li);
            int pe = tokenEnd(pattern, pi);
            int ptLen = pe - pi;
            if (ptLen == 0) {
                return false;
            }
            if (isSingle(pattern, pi, pe, FWC)) {
                return pe == pl; // matches this and all remaining (non-empty) literal tokens
            }
            if (!isSingle(pattern, pi, pe, PWC)
                    && (le - li != ptLen || !literalSubject.regionMatches(li, pattern, pi, ptLen))) {
                return false;
            }
            boolean literalDone = le == ll;
            boolean patternDone = pe == pl;
            if (literalDone || patternDone) {
                return literalDone && patternDone;
            }
            li = le + 1;
            pi = pe + 1;
        }
    }

    /**
     * Whether some literal subject could be matched by both {@code a} and {@code b} (nats-server's
     * {@code SubjectsCollide}). Equal strings always collide; otherwise an empty token never collides.
     * Unlike nats-server, a token such as {@code *bar} is compared as a literal token, not as a wildcard.
     */
    public static boolean subjectsCollide(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        final int al = a.length();
        final int bl = b.length();
        int ai = 0;
        int bi = 0;
        while (true) {
            int ae = tokenEnd(a, ai);
            int be = tokenEnd(b, bi);
            if (ae == ai || be == bi) {
                return false;
            }
            if (isSingle(a, ai, ae, FWC) || isSingle(b, bi, be, FWC)) {
                return true;
            }
            if (!isSingle(a, ai, ae, PWC) && !isSingle(b, bi, be, PWC)
                    && (ae - ai != be - bi || !a.regionMatches(ai, b, bi, ae - ai))) {
                return false;
            }
            boolean aDone = ae == al;
            boolean bDone = be == bl;
            if (aDone || bDone) {
                return aDone && bDone;
            }
            ai = ae + 1;
            bi = be + 1;
        }
    }

    /**
     * Whether every subject matched by {@code subject} is also matched by {@code test} (nats-server's
     * {@code subjectIsSubsetMatch}); both may contain wildcards. {@code foo.*} is a subset of
     * {@code >}, {@code *.*} and {@code foo.*} but not of {@code foo.bar}. Empty tokens give false.
     * Unlike nats-server, a token such as {@code *bar} in {@code test} is a literal token, not a wildcard.
     */
    public static boolean subjectIsSubsetMatch(String subject, String test) {
        final int sl = subject.length();
        final int tl = test.length();
        int si = 0;
        int ti = 0;
        while (true) {
            if (si > sl) {
                return false; // subject has fewer tokens than test
            }
            int te = tokenEnd(test, ti);
            int se = tokenEnd(subject, si);
            if (te == ti) {
                return false;
            }
            if (isSingle(test, ti, te, FWC)) {
                return true;
            }
            if (se == si || isSingle(subject, si, se, FWC)) {
                return false;
            }
            if (isSingle(subject, si, se, PWC)) {
                if (!isSingle(test, ti, te, PWC)) {
                    return false;
                }
            } else if (!isSingle(test, ti, te, PWC)
                    && (se - si != te - ti || !subject.regionMatches(si, test, ti, te - ti))) {
                return false;
            }
            if (te == tl) {
                return se == sl; // same number of tokens
            }
            ti = te + 1;
            si = se + 1;
        }
    }

    /** Whether every token of {@code subject} is non-empty (and the subject itself is non-empty). */
    static boolean hasNoEmptyToken(String subject) {
        final int len = subject.length();
        return len > 0
                && subject.charAt(0) != SEPARATOR
                && subject.charAt(len - 1) != SEPARATOR
                && subject.indexOf("..") < 0;
    }

    private static int tokenEnd(String s, int from) {
        int e = s.indexOf(SEPARATOR, from);
        return e < 0 ? s.length() : e;
    }

    private static boolean isSingle(String s, int start, int end, char c) {
        return end - start == 1 && s.charAt(start) == c;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
