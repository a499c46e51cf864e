package io.dialtone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.router.SubjectIndex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubjectCacheTest {

    private final SubjectIndex<Subscription> index = new SubjectIndex<>();
    private final SubjectCache cache = new SubjectCache(index);

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aRepeatedSubjectIsAHit() {
        SubjectCache.Entry first = cache.lookup(bytes("foo.bar"));
        assertSame(first, cache.lookup(bytes("foo.bar")));
        assertEquals("foo.bar", first.subject);
        assertTrue(first.literal);
        assertFalse(cache.lookup(bytes("foo.*")).literal);
    }

    @Test
    void aSubscriptionAddedAfterwardsIsSeen() {
        assertTrue(cache.lookup(bytes("foo.bar")).match.isEmpty());
        Subscription s = new Subscription(null, null, "foo.*", null, "1");
        index.insert("foo.*", null, s);
        assertEquals(1, cache.lookup(bytes("foo.bar")).match.plain().size());
        index.remove("foo.*", null, s);
        assertTrue(cache.lookup(bytes("foo.bar")).match.isEmpty());
    }

    @Test
    void collidingSlotsAreComparedByBytes() {
        for (int i = 0; i < 200; i++) {
            String subject = "s." + i;
            SubjectCache.Entry e = cache.lookup(bytes(subject));
            assertEquals(subject, e.subject);
        }
    }

    /** Every byte of a subject, at any length, changes its hash; and numbered subjects spread over every slot. */
    @Test
    void everyByteReachesTheHash() {
        for (int len = 1; len <= 40; len++) {
            byte[] b = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH".substring(0, len).getBytes(StandardCharsets.ISO_8859_1);
            int h = SubjectCache.hash(b, len);
            for (int i = 0; i < len; i++) {
                byte[] c = b.clone();
                c[i] ^= 1;
                assertTrue(SubjectCache.hash(c, len) != h, "length " + len + ", byte " + i);
            }
        }
        Set<Integer> slots = new HashSet<>();
        for (int n = 0; n < 1000; n++) {
            byte[] b = ("bench.pub." + n).getBytes(StandardCharsets.ISO_8859_1);
            slots.add(SubjectCache.hash(b, b.length) & 31);
        }
        assertEquals(32, slots.size());
    }
}
