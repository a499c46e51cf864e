package io.dialtone.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.router.SubjectIndex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
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
        Subscription s = new Subscription(null, "foo.*", null, "1");
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
}
