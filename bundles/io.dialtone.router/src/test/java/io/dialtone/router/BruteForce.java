package io.dialtone.router;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** The reference matcher for tests: scans every subscription with {@link Subjects#subjectMatches}. */
final class BruteForce {

    private static final Comparator<Sub> ORDER = Comparator.comparingInt(Sub::id)
            .thenComparing(Sub::subject)
            .thenComparing(s -> String.valueOf(s.queue()));

    private BruteForce() {
    }

    /** Plain subs sorted, then "queue name" to sorted members: a canonical form of a match. */
    static Map<String, List<Sub>> expected(Collection<Sub> subs, String subject) {
        Map<String, List<Sub>> out = new TreeMap<>();
        out.put("", new ArrayList<>());
        for (Sub s : subs) {
            if (Subjects.subjectMatches(subject, s.subject())) {
                String key = s.queue() == null ? "" : "q:" + s.queue();
                out.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            }
        }
        out.values().forEach(l -> l.sort(ORDER));
        return out;
    }

    /** The same canonical form for an index result. */
    static Map<String, List<Sub>> canonical(Match<Sub> m) {
        Map<String, List<Sub>> out = new TreeMap<>();
        List<Sub> plain = new ArrayList<>(m.plain());
        plain.sort(ORDER);
        out.put("", plain);
        for (QueueGroup<Sub> g : m.queues()) {
            if (g.members().isEmpty()) {
                throw new AssertionError("empty queue group " + g.name());
            }
            List<Sub> members = new ArrayList<>(g.members());
            members.sort(ORDER);
            if (out.put("q:" + g.name(), members) != null) {
                throw new AssertionError("queue group listed twice: " + g.name());
            }
        }
        return out;
    }

    /** A random valid pattern of 1 to 4 tokens over a small alphabet, with '*' and a final '>'. */
    static String randomPattern(Random rnd) {
        int n = 1 + rnd.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('.');
            }
            int r = rnd.nextInt(10);
            if (i == n - 1 && r == 0) {
                sb.append('>');
            } else if (r < 3) {
                sb.append('*');
            } else {
                sb.append((char) ('a' + rnd.nextInt(3)));
            }
        }
        return sb.toString();
    }

    /** A random literal subject of 1 to 5 tokens over a slightly larger alphabet. */
    static String randomSubject(Random rnd) {
        int n = 1 + rnd.nextInt(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append((char) ('a' + rnd.nextInt(4)));
        }
        return sb.toString();
    }

    static String randomQueue(Random rnd) {
        int r = rnd.nextInt(5);
        return r < 3 ? null : "q" + r;
    }
}
