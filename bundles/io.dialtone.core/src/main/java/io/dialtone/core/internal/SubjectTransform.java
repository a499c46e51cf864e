package io.dialtone.core.internal;

/**
 * Rewrites a subject matched by one pattern into another pattern, wildcard for wildcard, as an import renames what
 * crosses between accounts: {@code from_a.pub.>} for {@code pub.>} adds a prefix, {@code local.*} for {@code svc.*}
 * swaps the first token, a literal target replaces the subject. The n-th {@code *} of the target takes the token the
 * n-th {@code *} of the source matched; a final {@code >} takes the rest.
 */
final class SubjectTransform {

    private final String[] from;
    private final String[] to;
    private final boolean identity;

    private SubjectTransform(String from, String to) {
        this.from = from.split("\\.", -1);
        this.to = to.split("\\.", -1);
        this.identity = from.equals(to);
    }

    static SubjectTransform of(String from, String to) {
        return new SubjectTransform(from, to);
    }

    /** The subject in the target's terms; {@code subject} must be matched by the source pattern. */
    String apply(String subject) {
        if (identity) {
            return subject;
        }
        String[] tokens = subject.split("\\.", -1);
        String[] stars = new String[from.length];
        int starCount = 0;
        String rest = null;
        for (int i = 0; i < from.length && i < tokens.length; i++) {
            if (from[i].equals("*")) {
                stars[starCount++] = tokens[i];
            } else if (from[i].equals(">")) {
                rest = String.join(".", java.util.Arrays.copyOfRange(tokens, i, tokens.length));
                break;
            }
        }
        StringBuilder out = new StringBuilder(subject.length() + 16);
        int star = 0;
        for (int i = 0; i < to.length; i++) {
            if (i > 0) {
                out.append('.');
            }
            if (to[i].equals("*") && star < starCount) {
                out.append(stars[star++]);
            } else if (to[i].equals(">") && rest != null) {
                out.append(rest);
            } else {
                out.append(to[i]);
            }
        }
        return out.toString();
    }
}
