package io.dialtone.store.engine;

/**
 * Subject filters as stores need them: {@code *} matches one token, {@code >} the rest (one or more tokens), {@code ""}
 * and {@code ">"} everything. A copy of the few lines the router bundle also has, because providers import only
 * io.dialtone.api; stored subjects are literal.
 */
public final class Subjects {

    private Subjects() {
    }

    /** Whether the filter matches every subject. */
    public static boolean isAll(String filter) {
        return filter == null || filter.isEmpty() || filter.equals(">");
    }

    /** Whether the filter has a wildcard token. */
    public static boolean hasWildcard(String filter) {
        int n = filter.length();
        for (int i = 0; i < n; i++) {
            char c = filter.charAt(i);
            if ((c == '*' || c == '>') && (i == 0 || filter.charAt(i - 1) == '.')
                    && (i + 1 == n || filter.charAt(i + 1) == '.')) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code subject} (literal) matches {@code filter}. */
    public static boolean matches(String filter, String subject) {
        if (isAll(filter)) {
            return true;
        }
        int f = 0;
        int s = 0;
        int fn = filter.length();
        int sn = subject.length();
        while (f < fn) {
            if (s >= sn) {
                return false;
            }
            int fEnd = filter.indexOf('.', f);
            if (fEnd < 0) {
                fEnd = fn;
            }
            int sEnd = subject.indexOf('.', s);
            if (sEnd < 0) {
                sEnd = sn;
            }
            int fLen = fEnd - f;
            if (fLen == 1 && filter.charAt(f) == '>') {
                return true;
            }
            boolean star = fLen == 1 && filter.charAt(f) == '*';
            if (!star && (fLen != sEnd - s || !filter.regionMatches(f, subject, s, fLen))) {
                return false;
            }
            f = fEnd + 1;
            s = sEnd + 1;
        }
        return s > sn;
    }

    /** Whether {@code subject} is a valid literal subject to store on. */
    public static boolean validLiteral(String subject) {
        if (subject == null || subject.isEmpty() || hasWildcard(subject)) {
            return false;
        }
        int tokenStart = 0;
        for (int i = 0; i <= subject.length(); i++) {
            if (i == subject.length() || subject.charAt(i) == '.') {
                if (i == tokenStart) {
                    return false;
                }
                tokenStart = i + 1;
            } else if (Character.isWhitespace(subject.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
