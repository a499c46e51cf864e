package io.dialtone.api.storage;

/** An inclusive range of sequences, {@code first <= last}. */
public record SeqRange(long first, long last) {

    public SeqRange {
        if (first > last) {
            throw new IllegalArgumentException("empty range " + first + ".." + last);
        }
    }

    /** How many sequences the range spans. */
    public long count() {
        return last - first + 1;
    }
}
