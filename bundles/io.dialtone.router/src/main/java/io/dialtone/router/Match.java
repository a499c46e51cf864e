package io.dialtone.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The immutable result of {@link SubjectIndex#match}: every plain subscription whose pattern matches
 * the subject, and the matching members of each queue group, grouped by queue name. Results are shared
 * (cached), so they are never modified; a subscription inserted under two matching patterns appears
 * twice.
 *
 * @param <S> the subscription type
 */
public final class Match<S> {

    private static final Match<?> EMPTY = new Match<>(List.of(), List.of());

    private final List<S> plain;
    private final List<QueueGroup<S>> queues;

    private Match(List<S> plain, List<QueueGroup<S>> queues) {
        this.plain = plain;
        this.queues = queues;
    }

    /** The shared empty result. */
    @SuppressWarnings("unchecked")
    public static <S> Match<S> empty() {
        return (Match<S>) EMPTY;
    }

    /** Builds a result from collected plain subscriptions and queue members (queue name to members). */
    static <S> Match<S> of(List<S> plain, Map<String, List<S>> queues) {
        if (plain.isEmpty() && queues.isEmpty()) {
            return empty();
        }
        List<QueueGroup<S>> groups = new ArrayList<>(queues.size());
        for (Map.Entry<String, List<S>> e : queues.entrySet()) {
            groups.add(new QueueGroup<>(e.getKey(), e.getValue()));
        }
        return new Match<>(List.copyOf(plain), List.copyOf(groups));
    }

    /** The matching plain subscriptions, immutable. */
    public List<S> plain() {
        return plain;
    }

    /** The matching queue groups, one per queue name, each with at least one member; immutable. */
    public List<QueueGroup<S>> queues() {
        return queues;
    }

    /** The group named {@code name}, or {@code null} when no member of that queue matches. */
    public QueueGroup<S> queue(String name) {
        for (int i = 0, n = queues.size(); i < n; i++) {
            QueueGroup<S> g = queues.get(i);
            if (g.name().equals(name)) {
                return g;
            }
        }
        return null;
    }

    /** Whether nothing matched. */
    public boolean isEmpty() {
        return plain.isEmpty() && queues.isEmpty();
    }

    /** Plain subscriptions plus queue groups: how many deliveries one message makes. */
    public int fanout() {
        return plain.size() + queues.size();
    }

    /** A copy of this result with {@code sub} added (to the plain list, or to the group {@code queue}). */
    Match<S> with(String queue, S sub) {
        if (queue == null) {
            List<S> p = new ArrayList<>(plain.size() + 1);
            p.addAll(plain);
            p.add(sub);
            return new Match<>(List.copyOf(p), queues);
        }
        List<QueueGroup<S>> groups = new ArrayList<>(queues.size() + 1);
        boolean added = false;
        for (QueueGroup<S> g : queues) {
            if (!added && g.name().equals(queue)) {
                List<S> members = new ArrayList<>(g.members().size() + 1);
                members.addAll(g.members());
                members.add(sub);
                groups.add(new QueueGroup<>(queue, members));
                added = true;
            } else {
                groups.add(g);
            }
        }
        if (!added) {
            groups.add(new QueueGroup<>(queue, List.of(sub)));
        }
        return new Match<>(plain, List.copyOf(groups));
    }

    @Override
    public String toString() {
        return "Match[plain=" + plain + ", queues=" + queues + "]";
    }
}
