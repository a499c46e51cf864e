package io.dialtone.core.internal;

import io.dialtone.router.Match;
import io.dialtone.router.SubjectIndex;
import io.dialtone.router.Subjects;
import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A connection's own small cache of routing results, keyed by the subject's bytes (nats-server keeps one per client
 * too). A hit costs a hash over the subject bytes and one comparison: no String, no shared map. An entry is trusted
 * only while the index's generation is the one read before its result was computed. Confined to the connection's
 * event loop.
 */
final class SubjectCache {

    private static final int SIZE = 32; // a power of two
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final SubjectIndex<Subscription> index;
    private final Entry[] entries = new Entry[SIZE];
    /** Confined to the event loop, like the cache; subjects longer than this get a fresh array. */
    private final byte[] scratch = new byte[256];

    /** One cached subject: its bytes, its String, whether it is a valid literal, and its routing result. */
    static final class Entry {
        final byte[] key;
        final int hash;
        final String subject;
        final boolean literal;
        final Match<Subscription> match;
        final long generation;
        /** This connection's publish permission for the subject: 0 not yet decided, 1 allowed, 2 refused. */
        byte publishPermission;

        Entry(byte[] key, int hash, String subject, Match<Subscription> match, long generation) {
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
        // One bulk copy into a scratch array, then plain array code: hashing and comparing through the ByteBuf
        // (a slice, sometimes leak-aware) cost more than the whole rest of a publish (JFR, pub-16B).
        int len = subject.readableBytes();
        byte[] bytes = len <= scratch.length ? scratch : new byte[len];
        subject.getBytes(subject.readerIndex(), bytes, 0, len);
        int hash = hash(bytes, len);
        int slot = hash & (SIZE - 1);
        long generation = index.generation();
        Entry e = entries[slot];
        if (e != null && e.hash == hash && e.generation == generation
                && Arrays.equals(e.key, 0, e.key.length, bytes, 0, len)) {
            return e;
        }
        byte[] key = Arrays.copyOf(bytes, len);
        String s = new String(key, StandardCharsets.ISO_8859_1);
        e = new Entry(key, hash, s, index.match(s), generation);
        entries[slot] = e;
        return e;
    }

    /**
     * A hash of {@code bytes[0, len)} taken eight bytes at a time (a byte-at-a-time {@code 31 * h + b} chain was a
     * fifth of a 16-byte publish's time, async-profiler on pub-16B), finished with MurmurHash3's 64-bit mixer so
     * every input byte reaches the low bits that pick the slot.
     */
    static int hash(byte[] bytes, int len) {
        long h = len;
        int i = 0;
        for (; i + Long.BYTES <= len; i += Long.BYTES) {
            h = Long.rotateLeft(h ^ (long) LONGS.get(bytes, i) * 0x87C37B91114253D5L, 31) * 0x4CF5AD432745937FL;
        }
        long tail = 0;
        for (int shift = 0; i < len; i++, shift += Byte.SIZE) {
            tail |= (bytes[i] & 0xFFL) << shift;
        }
        h ^= tail * 0x87C37B91114253D5L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
