package io.dialtone.router.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One token of a subscription pattern in the {@link SubjectTrie}: the subscriptions whose pattern ends
 * here, and the level of the tokens that follow. Not thread-safe; guarded by the index's lock.
 *
 * @param <S> the subscription type
 */
final class Node<S> {

    /** The pattern from the root down to and including this node's token. */
    final String subject;
    /** Tokens after this one, or {@code null} when there are none. */
    Level<S> next;
    /** Plain subscriptions ending here, or {@code null} when there are none. */
    Set<S> plain;
    /** Queue subscriptions ending here by queue name, or {@code null} when there are none. */
    Map<String, Set<S>> queues;

    Node(String subject) {
        this.subject = subject;
    }

    boolean add(String queue, S sub) {
        if (queue == null) {
            if (plain == null) {
                plain = new LinkedHashSet<>();
            }
            return plain.add(sub);
        }
        if (queues == null) {
            queues = new LinkedHashMap<>();
        }
        return queues.computeIfAbsent(queue, q -> new LinkedHashSet<>()).add(sub);
    }

    boolean remove(String queue, S sub) {
        if (queue == null) {
            if (plain == null || !plain.remove(sub)) {
                return false;
            }
            if (plain.isEmpty()) {
                plain = null;
            }
            return true;
        }
        Set<S> members = queues == null ? null : queues.get(queue);
        if (members == null || !members.remove(sub)) {
            return false;
        }
        if (members.isEmpty()) {
            queues.remove(queue);
            if (queues.isEmpty()) {
                queues = null;
            }
        }
        return true;
    }

    /** No subscriptions here and nothing below: the node can be pruned. */
    boolean isEmpty() {
        return plain == null && queues == null && (next == null || next.isEmpty());
    }

    void collect(java.util.List<S> plainOut, Map<String, java.util.List<S>> queueOut) {
        if (plain != null) {
            plainOut.addAll(plain);
        }
        if (queues != null) {
            for (Map.Entry<String, Set<S>> e : queues.entrySet()) {
                queueOut.computeIfAbsent(e.getKey(), q -> new java.util.ArrayList<>()).addAll(e.getValue());
            }
        }
    }
}
