package io.dialtone.store.file.internal;

/** Where recovery sends the records it reads back, in order. */
interface Replayer {

    void onStore(long op, long seq, String subject, int size, long ts, long ref);

    void onTombstone(long op, long seq);

    void onFloor(long op, long seq);

    void onTruncate(long op, long seq);

    void onSkip(long op, long lastSeq);
}
