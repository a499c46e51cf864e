package io.dialtone.router;

import java.util.List;
import java.util.Objects;

/**
 * The members of one queue group that match a subject: a message goes to one of {@code members}.
 *
 * @param name    the queue group name
 * @param members the matching members, immutable, never empty in a {@link Match}
 * @param <S>     the subscription type
 */
public record QueueGroup<S>(String name, List<S> members) {

    /** Copies {@code members} into an immutable list. */
    public QueueGroup {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
    }
}
