package io.dialtone.store.engine;

import io.dialtone.api.storage.ConsumerState;
import io.dialtone.api.storage.ConsumerState.Pending;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A consumer's delivery and ack state as nats-server's consumer stores keep it (explicit acks), and its encoding.
 * Not thread-safe: its store locks around it.
 */
public final class ConsumerEngine {

    private static final int FORMAT = 1;

    private long deliveredConsumer;
    private long deliveredStream;
    private long ackFloorConsumer;
    private long ackFloorStream;
    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    private final Map<Long, Long> redelivered = new HashMap<>();

    /** Applies a delivery; false when it changed nothing (a replay below the ack floor). */
    public boolean delivered(long dseq, long sseq, long deliveries, long ts) {
        if (dseq <= ackFloorConsumer) {
            return false;
        }
        if (sseq <= deliveredStream) {
            Pending p = pending.get(sseq);
            if (p != null) {
                pending.put(sseq, new Pending(p.consumerSeq(), ts));
            }
        } else {
            pending.put(sseq, new Pending(dseq, ts));
        }
        deliveredConsumer = Math.max(deliveredConsumer, dseq);
        deliveredStream = Math.max(deliveredStream, sseq);
        if (deliveries > 1) {
            redelivered.merge(sseq, deliveries - 1, Math::max);
        }
        return true;
    }

    /** Applies an ack; false when it changed nothing (not pending, or below the floor). */
    public boolean acked(long dseq, long sseq) {
        if (!pending.containsKey(sseq) || dseq <= ackFloorConsumer) {
            return false;
        }
        if (dseq == ackFloorConsumer + 1) {
            ackFloorConsumer = dseq;
            ackFloorStream = sseq;
            if (deliveredConsumer > dseq) {
                Map.Entry<Long, Pending> next = pending.higherEntry(sseq);
                if (next != null && next.getValue().consumerSeq() > 0) {
                    ackFloorConsumer = next.getValue().consumerSeq() - 1;
                    ackFloorStream = next.getKey() - 1;
                }
            }
        }
        pending.remove(sseq);
        redelivered.remove(sseq);
        if (pending.isEmpty()) {
            ackFloorConsumer = deliveredConsumer;
            ackFloorStream = deliveredStream;
        }
        return true;
    }

    public ConsumerState state() {
        return new ConsumerState(deliveredConsumer, deliveredStream, ackFloorConsumer, ackFloorStream, pending,
                redelivered);
    }

    /** The state as bytes (the file provider's o.dat body). */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeLong(deliveredConsumer);
            out.writeLong(deliveredStream);
            out.writeLong(ackFloorConsumer);
            out.writeLong(ackFloorStream);
            out.writeInt(pending.size());
            for (Map.Entry<Long, Pending> e : pending.entrySet()) {
                out.writeLong(e.getKey());
                out.writeLong(e.getValue().consumerSeq());
                out.writeLong(e.getValue().timestampNanos());
            }
            out.writeInt(redelivered.size());
            for (Map.Entry<Long, Long> e : redelivered.entrySet()) {
                out.writeLong(e.getKey());
                out.writeLong(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Replaces this state with an encoded one. */
    public void decode(DataInputStream in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("consumer state format " + format + " is newer than this provider reads");
        }
        deliveredConsumer = in.readLong();
        deliveredStream = in.readLong();
        ackFloorConsumer = in.readLong();
        ackFloorStream = in.readLong();
        pending.clear();
        for (int n = in.readInt(); n > 0; n--) {
            pending.put(in.readLong(), new Pending(in.readLong(), in.readLong()));
        }
        redelivered.clear();
        for (int n = in.readInt(); n > 0; n--) {
            redelivered.put(in.readLong(), in.readLong());
        }
    }
}
