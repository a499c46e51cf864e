package io.dialtone.router.internal;

import io.dialtone.router.SubscriptionVisitor;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The token trie behind {@code SubjectIndex}: one node per pattern token, {@code *} and {@code >}
 * held apart at each level, subscriptions on the node of their pattern's last token. Empty nodes are
 * pruned on removal, so the trie shrinks back to nothing. Not thread-safe: the caller locks (shared
 * for {@link #collect}, {@link #visit} and {@link #nodeCount}, exclusive for the rest). Patterns given
 * to {@link #insert} and {@link #remove} must be valid subjects.
 *
 * @param <S> the subscription type
 */
public final class SubjectTrie<S> {

    private static final int MAX_DEPTH_HINT = 16;

    private final Level<S> root = new Level<>();
    private int nodes;

    /** Adds {@code sub}; false when it was already there under this subject and queue. */
    public boolean insert(String subject, String queue, S sub) {
        Level<S> level = root;
        Node<S> node = null;
        int start = 0;
        final int len = subject.length();
        while (start <= len) {
            int end = tokenEnd(subject, start);
            String token = subject.substring(start, end);
            if (level == null) {
                level = new Level<>();
                node.next = level;
            }
            node = level.child(token);
            if (node == null) {
                node = new Node<>(subject.substring(0, end));
                level.put(token, node);
                nodes++;
            }
            level = node.next;
            start = end + 1;
        }
        return node.add(queue, sub);
    }

    /** Removes {@code sub} and prunes nodes left empty; false when it was not there. */
    @SuppressWarnings("unchecked")
    public boolean remove(String subject, String queue, S sub) {
        Level<S>[] levels = new Level[MAX_DEPTH_HINT];
        Node<S>[] path = new Node[MAX_DEPTH_HINT];
        String[] tokens = new String[MAX_DEPTH_HINT];
        int depth = 0;
        Level<S> level = root;
        int start = 0;
        final int len = subject.length();
        while (start <= len) {
            if (level == null) {
                return false;
            }
            int end = tokenEnd(subject, start);
            String token = subject.substring(start, end);
            Node<S> node = level.child(token);
            if (node == null) {
                return false;
            }
            if (depth == path.length) {
                levels = java.util.Arrays.copyOf(levels, depth * 2);
                path = java.util.Arrays.copyOf(path, depth * 2);
                tokens = java.util.Arrays.copyOf(tokens, depth * 2);
            }
            levels[depth] = level;
            path[depth] = node;
            tokens[depth] = token;
            depth++;
            level = node.next;
            start = end + 1;
        }
        if (!path[depth - 1].remove(queue, sub)) {
            return false;
        }
        for (int i = depth - 1; i >= 0; i--) {
            Node<S> node = path[i];
            if (node.next != null && node.next.isEmpty()) {
                node.next = null;
            }
            if (!node.isEmpty()) {
                break;
            }
            levels[i].prune(tokens[i], node);
            nodes--;
        }
        return true;
    }

    /**
     * Adds every subscription whose pattern matches the literal {@code subject} to {@code plainOut} and
     * {@code queueOut} (queue name to members). Returns false, adding nothing, when the subject has an
     * empty token.
     */
    public boolean collect(String subject, List<S> plainOut, Map<String, List<S>> queueOut) {
        String[] tokens = tokenize(subject);
        if (tokens == null) {
            return false;
        }
        collect(root, tokens, 0, plainOut, queueOut);
        return true;
    }

    private static <S> void collect(Level<S> level, String[] tokens, int from, List<S> plainOut,
            Map<String, List<S>> queueOut) {
        Node<S> literal = null;
        Node<S> pwc = null;
        for (int i = from; i < tokens.length; i++) {
            if (level == null) {
                return;
            }
            if (level.fwc != null) {
                level.fwc.collect(plainOut, queueOut);
            }
            pwc = level.pwc;
            if (pwc != null && i + 1 < tokens.length) {
                collect(pwc.next, tokens, i + 1, plainOut, queueOut);
            }
            literal = level.literals.get(tokens[i]);
            level = literal == null ? null : literal.next;
        }
        if (literal != null) {
            literal.collect(plainOut, queueOut);
        }
        if (pwc != null) {
            pwc.collect(plainOut, queueOut);
        }
    }

    /** Calls {@code visitor} for every subscription. */
    public void visit(SubscriptionVisitor<S> visitor) {
        visit(root, visitor);
    }

    private static <S> void visit(Level<S> level, SubscriptionVisitor<S> visitor) {
        for (Node<S> node : level.literals.values()) {
            visit(node, visitor);
        }
        if (level.pwc != null) {
            visit(level.pwc, visitor);
        }
        if (level.fwc != null) {
            visit(level.fwc, visitor);
        }
    }

    private static <S> void visit(Node<S> node, SubscriptionVisitor<S> visitor) {
        if (node.plain != null) {
            for (S sub : node.plain) {
                visitor.visit(node.subject, null, sub);
            }
        }
        if (node.queues != null) {
            for (Map.Entry<String, Set<S>> e : node.queues.entrySet()) {
                for (S sub : e.getValue()) {
                    visitor.visit(node.subject, e.getKey(), sub);
                }
            }
        }
        if (node.next != null) {
            visit(node.next, visitor);
        }
    }

    /** The number of nodes (pattern tokens) in the trie; 0 when it holds no subscription. */
    public int nodeCount() {
        return nodes;
    }

    /** The tokens of {@code subject}, or {@code null} when one is empty. */
    private static String[] tokenize(String subject) {
        final int len = subject.length();
        if (len == 0) {
            return null;
        }
        int count = 1;
        for (int i = 0; i < len; i++) {
            if (subject.charAt(i) == '.') {
                count++;
            }
        }
        String[] tokens = new String[count];
        int start = 0;
        for (int t = 0; t < count; t++) {
            int end = tokenEnd(subject, start);
            if (end == start) {
                return null;
            }
            tokens[t] = subject.substring(start, end);
            start = end + 1;
        }
        return tokens;
    }

    private static int tokenEnd(String s, int from) {
        int e = s.indexOf('.', from);
        return e < 0 ? s.length() : e;
    }
}
