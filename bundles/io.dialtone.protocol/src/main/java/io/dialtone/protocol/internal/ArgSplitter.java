package io.dialtone.protocol.internal;

/**
 * Splits a control-line argument into fields, recording their bounds (no copies).
 *
 * <p>Mirrors nats-server: PUB/HPUB split on space and tab only; SUB/UNSUB ({@code splitArg}) also
 * split on CR and LF. Runs of separators count as one; leading and trailing ones are ignored.
 */
public final class ArgSplitter {

    private final int[] starts;
    private final int[] ends;
    private int count;

    /**
     * Creates a splitter that records at most {@code maxFields} fields.
     *
     * @param maxFields the largest field count any caller accepts
     */
    public ArgSplitter(int maxFields) {
        starts = new int[maxFields];
        ends = new int[maxFields];
    }

    /**
     * Splits {@code buf[from, to)}.
     *
     * @param buf the bytes holding the argument
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @param crlfSeparates whether CR and LF also separate fields
     * @return the number of fields, or {@code maxFields + 1} if there are more than recorded
     */
    public int split(ByteReader buf, int from, int to, boolean crlfSeparates) {
        count = 0;
        int start = -1;
        for (int i = from; i < to; i++) {
            byte b = buf.get(i);
            boolean sep = b == ' ' || b == '\t' || (crlfSeparates && (b == '\r' || b == '\n'));
            if (sep) {
                if (start >= 0) {
                    if (!add(start, i)) {
                        return count;
                    }
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        if (start >= 0) {
            add(start, to);
        }
        return count;
    }

    private boolean add(int start, int end) {
        if (count == starts.length) {
            count++;
            return false;
        }
        starts[count] = start;
        ends[count] = end;
        count++;
        return true;
    }

    /**
     * @param field field number, from 0
     * @return the field's first index
     */
    public int start(int field) {
        return starts[field];
    }

    /**
     * @param field field number, from 0
     * @return the field's length
     */
    public int length(int field) {
        return ends[field] - starts[field];
    }
}
