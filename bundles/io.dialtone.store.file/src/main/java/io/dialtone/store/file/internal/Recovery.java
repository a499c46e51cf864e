package io.dialtone.store.file.internal;

import io.dialtone.api.storage.RecoveryReport;
import io.dialtone.api.storage.SeqRange;
import io.dialtone.api.storage.StreamState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a stream's blocks back at open, in order, and replays every record that checks out. A torn tail of the last
 * block (a write cut short) is cut off; any other damage quarantines the block: the original is moved to
 * {@code quarantine/} (never deleted) and replaced by its good records. Sequences in a damaged stretch are reported
 * lost, and everything done is logged.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final String REBUILT = ".rebuilt";

    private final FileIo io;
    private final Path msgs;
    private final Path quarantine;
    private final FileBackend backend;
    private final Replayer replay;

    private long records;
    private long torn;
    private final List<String> quarantined = new ArrayList<>();
    private final List<SeqRange> lost = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long lastMsgSeq;
    private long lostFrom = -1;

    Recovery(FileIo io, Path msgs, Path quarantine, FileBackend backend, Replayer replay) {
        this.io = io;
        this.msgs = msgs;
        this.quarantine = quarantine;
        this.backend = backend;
        this.replay = replay;
    }

    /** Recovers every block; returns how many it adopted. */
    int run() throws IOException {
        List<Path> blockFiles = new ArrayList<>();
        for (Path f : io.list(msgs)) {
            String name = f.getFileName().toString();
            if (name.endsWith(REBUILT)) {
                finishRebuild(f, msgs.resolve(name.substring(0, name.length() - REBUILT.length())));
            } else if (name.endsWith(".blk.tmp")) {
                io.delete(f);
            }
        }
        for (Path f : io.list(msgs)) {
            if (Block.idOf(f) >= 0) {
                blockFiles.add(f);
            }
        }
        blockFiles.sort((a, b) -> Integer.compare(Block.idOf(a), Block.idOf(b)));
        for (int i = 0; i < blockFiles.size(); i++) {
            recoverBlock(blockFiles.get(i), i == blockFiles.size() - 1);
        }
        if (lostFrom >= 0) {
            lost.add(new SeqRange(lostFrom, Long.MAX_VALUE));
        }
        return blockFiles.size();
    }

    /** A rebuild interrupted after the original was quarantined: put the rebuilt block in place. */
    private void finishRebuild(Path rebuilt, Path block) throws IOException {
        if (io.exists(block)) {
            io.delete(rebuilt);
        } else {
            io.move(rebuilt, block);
            notes.add("finished an interrupted rebuild of " + block.getFileName());
        }
    }

    private void recoverBlock(Path file, boolean last) throws IOException {
        byte[] data = BlockIo.readAll(io, file);
        BlockScan scan = BlockScan.of(data);
        int id = Block.idOf(file);
        boolean tornTail = !scan.clean() && last && scan.tornTailOnly(data);
        if (tornTail) {
            BlockScan.Span tail = scan.spans.get(scan.spans.size() - 1);
            cutTail(file, tail.pos());
        } else if (!scan.clean()) {
            quarantineAndRebuild(file, data, scan);
        }
        FileIo.FileHandle handle = io.open(file, true);
        long size = 0;
        Block b = new Block(id, file, handle, 0);
        backend.adopt(b);
        for (BlockScan.Span s : scan.spans) {
            if (s.damaged()) {
                lostFrom = lostFrom < 0 ? lastMsgSeq + 1 : lostFrom;
                continue;
            }
            replayRecord(b, data, s.pos(), s.length(), size);
            size += s.length();
        }
        b.size = size;
        if (!last && !endsSealed(data, scan)) {
            lostFrom = lostFrom < 0 ? lastMsgSeq + 1 : lostFrom;
            String note = file.getFileName() + " was cut short: it lacks its end record";
            notes.add(note);
            LOG.error("{}", note);
        }
        if (tornTail) {
            long bytes = data.length - size;
            torn += bytes;
            String note = "cut a torn tail of " + bytes + " bytes from " + file.getFileName()
                    + "; the last message recovered is " + lastMsgSeq;
            notes.add(note);
            LOG.warn("{}", note);
        }
    }

    private void cutTail(Path file, int at) throws IOException {
        try (FileIo.FileHandle h = io.open(file, true)) {
            h.truncate(at);
            h.force();
        }
    }

    private void quarantineAndRebuild(Path file, byte[] data, BlockScan scan) throws IOException {
        byte[] good = scan.goodBytes(data);
        Path rebuilt = msgs.resolve(file.getFileName() + REBUILT);
        BlockIo.writeSynced(io, rebuilt, good, good.length);
        io.createDirectories(quarantine);
        Path aside = quarantine.resolve(file.getFileName() + "." + System.currentTimeMillis() + ".corrupt");
        io.move(file, aside);
        io.move(rebuilt, file);
        io.syncDirectory(quarantine);
        io.syncDirectory(msgs);
        quarantined.add(aside.toString());
        String note = "quarantined " + file.getFileName() + " as " + aside + ": " + scan.damaged
                + " damaged stretch(es), " + (data.length - good.length) + " bytes; kept " + good.length
                + " bytes of records that check out";
        notes.add(note);
        LOG.error("{}", note);
    }

    /** Whether a sealed block's last good record is its end record. */
    private static boolean endsSealed(byte[] data, BlockScan scan) {
        BlockScan.Span lastSpan = scan.spans.isEmpty() ? null : scan.spans.get(scan.spans.size() - 1);
        return lastSpan != null && !lastSpan.damaged() && Record.type(data, lastSpan.pos()) == Record.BLOCK_END;
    }

    private void replayRecord(Block b, byte[] data, int pos, int len, long newPos) {
        records++;
        long seq = Record.seq(data, pos);
        long ts = Record.ts(data, pos);
        long op = Record.op(data, pos);
        switch (Record.type(data, pos)) {
            case Record.MSG -> {
                if (lostFrom >= 0) {
                    if (seq - 1 >= lostFrom) {
                        lost.add(new SeqRange(lostFrom, seq - 1));
                    }
                    lostFrom = -1;
                }
                lastMsgSeq = Math.max(lastMsgSeq, seq);
                ByteBuffer h = ByteBuffer.wrap(data, pos, len);
                String subject = Record.subject(data, pos);
                int size = (int) StreamState.msgSize(subject, h.getInt(pos + 34), h.getInt(pos + 38));
                b.live(len);
                replay.onStore(op, seq, subject, size, ts, FileBackend.ref(b.id, newPos));
            }
            case Record.TOMBSTONE -> {
                b.otherBytes += len;
                replay.onTombstone(op, seq);
            }
            case Record.FLOOR -> {
                b.otherBytes += len;
                replay.onFloor(op, seq);
            }
            case Record.TRUNCATE -> {
                b.otherBytes += len;
                replay.onTruncate(op, seq);
            }
            case Record.SKIP -> {
                b.otherBytes += len;
                replay.onSkip(op, seq + ts - 1);
            }
            case Record.BLOCK_END -> {
                b.otherBytes += len;
                replay.onSkip(op, seq);
            }
            case Record.BLOCK_START -> {
                b.otherBytes += len;
                replay.onFloor(op, seq);
                replay.onSkip(op, ts);
            }
            default -> {
                // an erased message: dead bytes
            }
        }
    }

    RecoveryReport report() {
        RecoveryReport r = new RecoveryReport(records, torn, quarantined, lost, notes);
        if (!r.clean()) {
            LOG.warn("recovered {}: {} records; torn tail {} bytes; quarantined {}; sequences lost {}", msgs.getParent(),
                    records, torn, quarantined, lost);
        }
        return r;
    }
}
