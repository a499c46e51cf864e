package io.dialtone.store.file.internal;

import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;
import io.dialtone.api.storage.StoredMessage;
import io.dialtone.store.engine.Backend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Message bytes and operation records in append-only block files. A reference is the block id (high 24 bits) and
 * the record's offset (low 40 bits). Every call but {@link #commit} runs under the store's lock.
 */
final class FileBackend implements Backend {

    private final FileIo io;
    private final Path dir;
    private final long blockSize;
    private final GroupCommit commits;
    private final TreeMap<Integer, Block> blocks = new TreeMap<>();
    /** Sealed blocks that lost messages since the last maintenance: the only ones worth checking. */
    private final java.util.Set<Block> touched = new java.util.LinkedHashSet<>();
    private final BlockCompactor compactor;
    private BlockHost host;
    private Block active;
    private ByteBuffer scratch = ByteBuffer.allocate(4096);
    private final CRC32C crc = new CRC32C();
    /** Reused by every load (loads run under the store's lock): a load allocates nothing of its own. */
    private final ByteBuffer head = ByteBuffer.allocate(Record.HEADER);
    private final ByteBuffer sum = ByteBuffer.allocate(4);
    private ByteBuffer subj = ByteBuffer.allocate(256);

    FileBackend(FileIo io, Path dir, long blockSize, GroupCommit commits) {
        this.io = io;
        this.dir = dir;
        this.blockSize = blockSize;
        this.commits = commits;
        this.compactor = new BlockCompactor(io, dir, commits);
    }

    void attach(BlockHost h) {
        this.host = h;
    }

    static long ref(int blockId, long offset) {
        return ((long) blockId << 40) | offset;
    }

    static int blockOf(long ref) {
        return (int) (ref >>> 40);
    }

    static long offsetOf(long ref) {
        return ref & ((1L << 40) - 1);
    }

    /** Adopts a recovered block (in id order); the last one adopted takes new records. */
    void adopt(Block b) {
        blocks.put(b.id, b);
        if (active != null) {
            touched.add(active);
        }
        active = b;
    }

    Block block(int id) {
        return blocks.get(id);
    }

    /** Starts the first block of a new store, or a new block after a restore. */
    void startBlock(long first, long last, long op) {
        int id = active == null ? 1 : active.id + 1;
        Path path = dir.resolve(Block.fileName(id));
        try {
            Block b = new Block(id, path, io.open(path, true), 0);
            b.handle.truncate(0);
            blocks.put(id, b);
            if (active != null) {
                touched.add(active);
            }
            active = b;
            if (!commits.lazy()) {
                io.syncDirectory(dir);
            }
        } catch (IOException e) {
            throw failed("cannot create block " + path, e);
        }
        write(Record.BLOCK_START, first, last, op, null, null, null);
    }

    private long write(byte type, long seq, long ts, long op, String subject, byte[] headers, byte[] payload) {
        ByteBuffer rec = Record.encode(scratch, type, seq, ts, op, subject, headers, payload);
        if (rec.capacity() <= 1 << 20) {
            scratch = rec;
        }
        int length = rec.remaining();
        if (type != Record.BLOCK_START && type != Record.BLOCK_END && active.size > Record.OVERHEAD
                && active.size + length > blockSize) {
            sealActive();
            long[] cp = host.checkpoint();
            startBlock(cp[0], cp[1], cp[2]);
            rec = Record.encode(scratch, type, seq, ts, op, subject, headers, payload);
        }
        long offset = active.size;
        try {
            active.handle.write(rec, offset);
        } catch (IOException e) {
            undo(offset);
            throw failed("cannot write to " + active.path, e);
        }
        active.size += length;
        if (type == Record.MSG) {
            active.live(length);
        } else {
            active.otherBytes += length;
        }
        commits.wrote(active.handle, length);
        return ref(active.id, offset);
    }

    /**
     * Syncs the block being left before records go to a new one, so that what survives a crash is always a prefix of
     * the log, in lazy mode too (one sync per block).
     */
    private void sealActive() {
        long[] cp = host.checkpoint();
        write(Record.BLOCK_END, cp[1], 0, cp[2], null, null, null);
        try {
            active.handle.force();
        } catch (IOException e) {
            throw failed("cannot sync " + active.path, e);
        }
    }

    /** Cuts a failed write off the block so that no partial record stays behind. */
    private void undo(long offset) {
        try {
            active.handle.truncate(offset);
        } catch (IOException ignored) {
            // what stays is a torn tail, which recovery cuts
        }
    }

    private static StorageException failed(String what, IOException e) {
        return new StorageException(Reason.INSUFFICIENT_RESOURCES, what + ": " + e, e);
    }

    @Override
    public long append(long op, long seq, String subject, byte[] headers, byte[] payload, long timestamp) {
        return write(Record.MSG, seq, timestamp, op, subject, headers, payload);
    }

    @Override
    public void read(long ref, long seq, long timestamp, String subject, StoredMessage into) {
        Block b = blocks.get(blockOf(ref));
        long offset = offsetOf(ref);
        try {
            readFully(b, head.clear(), offset);
            int length = head.getInt(4);
            int subjLen = Short.toUnsignedInt(head.getShort(32));
            int hl = head.getInt(34);
            int pl = head.getInt(38);
            if (head.getShort(0) != Record.MAGIC || head.get(2) != Record.MSG || head.getLong(8) != seq
                    || length != Record.OVERHEAD + subjLen + hl + pl) {
                throw corrupt(seq, b);
            }
            if (subj.capacity() < subjLen) {
                subj = ByteBuffer.allocate(subjLen);
            }
            readFully(b, subj.clear().limit(subjLen), offset + Record.HEADER);
            byte[] buf = into.fill(seq, timestamp, subject, hl, pl);
            readFully(b, ByteBuffer.wrap(buf, 0, hl + pl), offset + Record.HEADER + subjLen);
            readFully(b, sum.clear(), offset + length - 4);
            crc.reset();
            crc.update(head.array(), 0, Record.HEADER);
            crc.update(subj.array(), 0, subjLen);
            crc.update(buf, 0, hl + pl);
            if ((int) crc.getValue() != sum.getInt(0)) {
                throw corrupt(seq, b);
            }
        } catch (IOException e) {
            throw failed("cannot read " + b.path, e);
        }
    }

    private static StorageException corrupt(long seq, Block b) {
        return new StorageException(Reason.CORRUPT, "message " + seq + " in " + b.path + " fails its checksum");
    }

    private static void readFully(Block b, ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = b.handle.read(dst, pos);
            if (n < 0) {
                throw new IOException("unexpected end of " + b.path);
            }
            pos += n;
        }
    }

    @Override
    public void tombstone(long op, long seq, long ref, int size, boolean erase) {
        write(Record.TOMBSTONE, seq, 0, op, null, null, null);
        if (erase) {
            overwrite(ref, seq, size);
        }
        discard(ref, size);
    }

    /** Rewrites a message record in place as an {@link Record#ERASED} one of the same length, zero-filled. */
    private void overwrite(long ref, long seq, int size) {
        Block b = blocks.get(blockOf(ref));
        int length = Record.lengthOf(size);
        byte[] zeros = new byte[length - Record.OVERHEAD];
        ByteBuffer rec = Record.encode(ByteBuffer.allocate(length), Record.ERASED, seq, 0, 0, null, null, zeros);
        try {
            b.handle.write(rec, offsetOf(ref));
            commits.wrote(b.handle, length);
        } catch (IOException e) {
            throw failed("cannot erase in " + b.path, e);
        }
    }

    @Override
    public void discard(long ref, int size) {
        Block b = blocks.get(blockOf(ref));
        if (b != null) {
            b.dead(Record.lengthOf(size));
            if (b != active) {
                touched.add(b);
            }
        }
    }

    @Override
    public void floor(long op, long seq) {
        write(Record.FLOOR, seq, 0, op, null, null, null);
    }

    @Override
    public void truncate(long op, long seq) {
        write(Record.TRUNCATE, seq, 0, op, null, null, null);
    }

    @Override
    public void skip(long op, long seq, long count) {
        write(Record.SKIP, seq, count, op, null, null, null);
    }

    @Override
    public void reset(long first, long last, long op) {
        List<Block> old = new ArrayList<>(blocks.values());
        commits.exclusive(() -> {
            for (Block b : old) {
                closeQuietly(b);
                try {
                    io.delete(b.path);
                } catch (IOException e) {
                    throw failed("cannot remove " + b.path, e);
                }
            }
        });
        blocks.clear();
        touched.clear();
        startBlock(first, last, op);
    }

    @Override
    public void maintain() {
        if (touched.isEmpty()) {
            return;
        }
        while (blocks.size() > 1 && blocks.firstEntry().getValue() != active
                && blocks.firstEntry().getValue().liveMsgs == 0) {
            Block b = blocks.pollFirstEntry().getValue();
            touched.remove(b);
            commits.exclusive(() -> {
                closeQuietly(b);
                try {
                    io.delete(b.path);
                } catch (IOException e) {
                    throw failed("cannot remove " + b.path, e);
                }
            });
        }
        for (Block b : touched) {
            if (b != active && blocks.get(b.id) == b && b.deadBytes() > b.size / 2) {
                compactor.rewrite(b, host);
            }
        }
        touched.clear();
    }

    private void closeQuietly(Block b) {
        commits.forget(b.handle);
        try {
            b.handle.close();
        } catch (IOException ignored) {
            // closing a file we are done with
        }
    }

    @Override
    public long mark() {
        return commits.mark();
    }

    @Override
    public void commit(long mark) {
        commits.commit(mark);
    }

    /** Syncs and closes every block. */
    void close() {
        try {
            commits.syncNow();
        } finally {
            for (Block b : blocks.values()) {
                closeQuietly(b);
            }
        }
    }

    int blockCount() {
        return blocks.size();
    }
}
