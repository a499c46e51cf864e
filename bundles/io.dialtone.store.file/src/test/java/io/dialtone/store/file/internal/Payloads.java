package io.dialtone.store.file.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.storage.StoredMessage;
import io.dialtone.api.storage.StreamStore;

/** Deterministic payloads: the bytes of message {@code seq} follow from {@code seq}, so any copy can be checked. */
final class Payloads {

    private Payloads() {
    }

    static byte[] of(long seq) {
        byte[] b = new byte[(int) (seq * 7 % 97) + 16];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seq * 31 + i);
        }
        return b;
    }

    static String subject(long seq) {
        return "s." + seq % 5;
    }

    /** Stores messages until {@code last}; returns the last sequence. */
    static long fill(StreamStore s, long last) {
        long seq = s.state().lastSeq();
        while (seq < last) {
            long next = seq + 1;
            seq = s.store(subject(next), null, of(next), next);
        }
        return seq;
    }

    static void assertHeld(StreamStore s, long seq) {
        StoredMessage m = new StoredMessage();
        assertTrue(s.load(seq, m), "message " + seq + " should be held");
        assertArrayEquals(of(seq), m.payload(), "payload of " + seq);
    }
}
