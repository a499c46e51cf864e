package io.dialtone.router.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The children of one position in the {@link SubjectTrie}: literal tokens by name, plus the {@code *}
 * and {@code >} wildcard nodes kept apart. Not thread-safe; guarded by the index's lock.
 *
 * @param <S> the subscription type
 */
final class Level<S> {

    final Map<String, Node<S>> literals = new HashMap<>();
    Node<S> pwc;
    Node<S> fwc;

    boolean isEmpty() {
        return literals.isEmpty() && pwc == null && fwc == null;
    }

    /** The child for {@code token}, or {@code null}. */
    Node<S> child(String token) {
        if (token.length() == 1) {
            char c = token.charAt(0);
            if (c == '*') {
                return pwc;
            }
            if (c == '>') {
                return fwc;
            }
        }
        return literals.get(token);
    }

    void put(String token, Node<S> node) {
        if (token.equals("*")) {
            pwc = node;
        } else if (token.equals(">")) {
            fwc = node;
        } else {
            literals.put(token, node);
        }
    }

    void prune(String token, Node<S> node) {
        if (node == pwc) {
            pwc = null;
        } else if (node == fwc) {
            fwc = null;
        } else {
            literals.remove(token);
        }
    }
}
