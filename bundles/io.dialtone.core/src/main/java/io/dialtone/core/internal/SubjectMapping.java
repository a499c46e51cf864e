package io.dialtone.core.internal;

import io.dialtone.router.Subjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nats-server's subject mappings ({@code mappings {}}): a published subject matched by a source pattern is rewritten
 * into one of its weighted destinations before it is routed. A destination token is a literal, a legacy {@code $n},
 * or a function of the source's wildcard tokens: {@code {{wildcard(n)}}}, {@code {{partition(buckets,n...)}}} (FNV-1a
 * of the tokens, as nats-server hashes them), {@code {{split(n,delimiter)}}}, {@code {{splitFromLeft(n,position)}}},
 * {@code {{splitFromRight(n,position)}}}, {@code {{sliceFromLeft(n,size)}}}, {@code {{sliceFromRight(n,size)}}}; a
 * final {@code >} copies the rest. Weights are percentages; what is left to 100 keeps the subject as published.
 */
final class SubjectMapping {

    private static final Pattern FUNCTION = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*\\((.*)\\)\\s*\\}\\}");

    /** One destination and its weight (1..100). */
    record Destination(String subject, int weight) {
    }

    private final String source;
    private final int[] wildcardTokens; // token index of the n-th wildcard of the source
    /** The token index of the source's final {@code >}, or -1 when it has none. */
    private final int restFrom;
    private final Target[] targets;
    private final int[] cumulativeWeights;

    /** One compiled destination: its tokens' producers. */
    private record Target(Token[] tokens, boolean rest) {
    }

    private interface Token {
        void write(String[] subject, StringBuilder out);
    }

    private SubjectMapping(String source, List<Destination> destinations) {
        this.source = source;
        String[] src = source.split("\\.", -1);
        List<Integer> wild = new ArrayList<>();
        int rest = -1;
        for (int i = 0; i < src.length; i++) {
            if (src[i].equals("*")) {
                wild.add(i);
            } else if (src[i].equals(">")) {
                rest = i;
            }
        }
        this.wildcardTokens = wild.stream().mapToInt(Integer::intValue).toArray();
        this.restFrom = rest;
        this.targets = new Target[destinations.size()];
        this.cumulativeWeights = new int[destinations.size()];
        int sum = 0;
        for (int i = 0; i < targets.length; i++) {
            targets[i] = compile(destinations.get(i).subject());
            sum += destinations.get(i).weight();
            cumulativeWeights[i] = sum;
        }
        if (sum > 100) {
            throw new IllegalArgumentException("total weight of destinations for \"" + source + "\" exceeds 100%");
        }
    }

    /** A mapping; throws IllegalArgumentException naming what is wrong with it. */
    static SubjectMapping of(String source, List<Destination> destinations) {
        if (!Subjects.isValidSubject(source)) {
            throw new IllegalArgumentException("invalid mapping source \"" + source + "\"");
        }
        return new SubjectMapping(source, destinations);
    }

    String source() {
        return source;
    }

    /**
     * The first matching mapping's choice for a published subject (nats-server maps once, before permissions); the
     * same String when none matches.
     */
    static String first(SubjectMapping[] mappings, String subject) {
        for (SubjectMapping m : mappings) {
            if (m.matches(subject)) {
                return m.map(subject);
            }
        }
        return subject;
    }

    /** Whether the mapping applies to this published (literal) subject. */
    boolean matches(String subject) {
        return Subjects.subjectMatches(subject, source);
    }

    /** The subject to route, or the published one when the weights chose none. */
    String map(String subject) {
        int pick = targets.length == 1 && cumulativeWeights[0] == 100 ? 0 : choose();
        if (pick < 0) {
            return subject;
        }
        Target t = targets[pick];
        String[] tokens = subject.split("\\.", -1);
        StringBuilder out = new StringBuilder(subject.length() + 8);
        for (int i = 0; i < t.tokens().length; i++) {
            if (i > 0) {
                out.append('.');
            }
            t.tokens()[i].write(tokens, out);
        }
        if (t.rest() && restFrom >= 0) {
            for (int i = restFrom; i < tokens.length; i++) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(tokens[i]);
            }
        }
        return out.toString();
    }

    private int choose() {
        int r = ThreadLocalRandom.current().nextInt(100) + 1;
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (r <= cumulativeWeights[i]) {
                return i;
            }
        }
        return -1;
    }

    private Target compile(String destination) {
        List<Token> tokens = new ArrayList<>();
        boolean rest = false;
        String[] parts = splitOutsideBraces(destination);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals(">") && i == parts.length - 1) {
                rest = true;
                break;
            }
            if (p.startsWith("$") && p.length() > 1 && p.substring(1).chars().allMatch(Character::isDigit)) {
                int n = wildcard(Integer.parseInt(p.substring(1)), destination);
                tokens.add((s, out) -> out.append(s[n]));
                continue;
            }
            Matcher m = FUNCTION.matcher(p.trim());
            if (!m.matches()) {
                tokens.add((s, out) -> out.append(p));
                continue;
            }
            tokens.add(function(m.group(1).toLowerCase(Locale.ROOT), args(m.group(2)), destination));
        }
        return new Target(tokens.toArray(Token[]::new), rest);
    }

    /** Splits on dots that are not inside {@code {{...}}} (a split delimiter may be a dot). */
    private static String[] splitOutsideBraces(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '.' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts.toArray(String[]::new);
    }

    private static String[] args(String list) {
        String[] a = list.split(",", -1);
        for (int i = 0; i < a.length; i++) {
            a[i] = a[i].trim();
        }
        return a;
    }

    /** The token index of the source's n-th (1-based) wildcard. */
    private int wildcard(int n, String destination) {
        if (n < 1 || n > wildcardTokens.length) {
            throw new IllegalArgumentException("wildcard index " + n + " out of range in \"" + destination + "\"");
        }
        return wildcardTokens[n - 1];
    }

    private int intArg(String[] a, int i, String destination) {
        try {
            return Integer.parseInt(a[i]);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid mapping function arguments in \"" + destination + "\"");
        }
    }

    private Token function(String name, String[] a, String destination) {
        switch (name) {
            case "wildcard": {
                int n = wildcard(intArg(a, 0, destination), destination);
                return (s, out) -> out.append(s[n]);
            }
            case "partition": {
                int buckets = intArg(a, 0, destination);
                int[] from = new int[a.length - 1];
                for (int i = 1; i < a.length; i++) {
                    from[i - 1] = wildcard(intArg(a, i, destination), destination);
                }
                return (s, out) -> out.append(partition(s, from, buckets));
            }
            case "split": {
                int n = wildcard(intArg(a, 0, destination), destination);
                String delimiter = a.length > 1 ? a[1] : " ";
                return (s, out) -> split(s[n], delimiter, out);
            }
            case "splitfromleft":
            case "splitfromright": {
                int n = wildcard(intArg(a, 0, destination), destination);
                int position = intArg(a, 1, destination);
                boolean left = name.equals("splitfromleft");
                return (s, out) -> {
                    String t = s[n];
                    int at = left ? position : t.length() - position;
                    if (position > 0 && position < t.length()) {
                        out.append(t, 0, at).append('.').append(t, at, t.length());
                    } else {
                        out.append(t);
                    }
                };
            }
            case "slicefromleft":
            case "slicefromright": {
                int n = wildcard(intArg(a, 0, destination), destination);
                int size = intArg(a, 1, destination);
                boolean left = name.equals("slicefromleft");
                return (s, out) -> slice(s[n], size, left, out);
            }
            default:
                throw new IllegalArgumentException("unknown mapping function \"" + name + "\" in \"" + destination
                        + "\"");
        }
    }

    /** nats-server's partition: FNV-1a (32 bit) over the tokens' bytes, concatenated, modulo the buckets. */
    static int partition(String[] subject, int[] from, int buckets) {
        int h = 0x811c9dc5;
        for (int index : from) {
            String t = subject[index];
            for (int i = 0; i < t.length(); i++) {
                h ^= t.charAt(i) & 0xff;
                h *= 0x01000193;
            }
        }
        return (int) (Integer.toUnsignedLong(h) % buckets);
    }

    private static void split(String token, String delimiter, StringBuilder out) {
        boolean first = true;
        for (String part : token.split(Pattern.quote(delimiter), -1)) {
            if (part.isEmpty()) {
                continue;
            }
            if (!first) {
                out.append('.');
            }
            out.append(part);
            first = false;
        }
    }

    private static void slice(String t, int size, boolean left, StringBuilder out) {
        int len = t.length();
        if (size <= 0 || size >= len) {
            out.append(t);
            return;
        }
        int start = left ? 0 : len % size;
        if (!left && start > 0) {
            out.append(t, 0, start).append('.');
        }
        for (int i = start; i < len; i += size) {
            if (i > start) {
                out.append('.');
            }
            out.append(t, i, Math.min(len, i + size));
        }
    }
}
