package io.dialtone.core.internal;

import io.dialtone.router.Match;
import io.dialtone.router.SubjectIndex;
import io.dialtone.router.Subjects;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * A connection's own small cache of routing results, keyed by the subject's bytes (nats-server keeps one per client
 * too). A hit costs a hash over the subject bytes and one comparison: no String, no shared map. An entry is trusted
 * only while the index's generation is the one read before its result was computed. Confined to the connection's
 * event loop.
 */
final class SubjectCache {

    private static final int SIZE = 32; // a power of two

    private final SubjectIndex<Subscription> index;
    private final Entry[] entries = new Entry[SIZE];

    /** One cached subject: its bytes, its String, whether it is a valid literal, and its routing result. */
    static final class Entry {
        final ByteBuf key;
        final int hash;
        final String subject;
        final boolean literal;
        final Match<Subscription> match;
        final long generation;
        /** This connection's publish permission for the subject: 0 not yet decided, 1 allowed, 2 refused. */
        byte publishPermission;

        Entry(ByteBuf key, int hash, String subject, Match<Subscription> match, long generation) {
            this.key = key;
            this.hash = hash;
            this.subject = subject;
            this.literal = Subjects.isValidLiteralSubject(subject);
            this.match = match;
            this.generation = generation;
        }
    }

    SubjectCache(SubjectIndex<Subscription> index) {
        this.index = index;
    }

    /** The routing result for the subject in {@code subject}'s readable bytes. */
    Entry lookup(ByteBuf subject) {
        int hash = ByteBufUtil.hashCode(subject);
        int slot = hash & (SIZE - 1);
        long generation = index.generation();
        Entry e = entries[slot];
        if (e != null && e.hash == hash && e.generation == generation && ByteBufUtil.equals(e.key, subject)) {
            return e;
        }
        String s = subject.toString(StandardCharsets.ISO_8859_1);
        byte[] copy = new byte[subject.readableBytes()];
        subject.getBytes(subject.readerIndex(), copy);
        e = new Entry(Unpooled.wrappedBuffer(copy), hash, s, index.match(s), generation);
        entries[slot] = e;
        return e;
    }
}
