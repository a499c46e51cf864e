package io.dialtone.store.file.internal;

import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a sealed block whose messages are mostly gone: keeps its live messages and every non-message record
 * (tombstones, floors and checkpoints still matter to older blocks) but the tombstones of messages in this same block
 * (both go), in order, written and synced to a temporary file that then replaces the block atomically; the index
 * learns the messages' new offsets.
 */
final class BlockCompactor {

    private static final Logger LOG = LoggerFactory.getLogger(BlockCompactor.class);

    private final FileIo io;
    private final Path dir;
    private final GroupCommit commits;

    BlockCompactor(FileIo io, Path dir, GroupCommit commits) {
        this.io = io;
        this.dir = dir;
        this.commits = commits;
    }

    void rewrite(Block b, BlockHost host) {
        try {
            byte[] data = BlockIo.readAll(io, b.path);
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2);
            List<long[]> moves = new ArrayList<>();
            long live = 0;
            java.util.Set<Long> here = new java.util.HashSet<>();
            int pos = 0;
            while (pos < b.size) {
                int len = Record.validAt(data, pos, (int) b.size);
                if (len < 0) {
                    LOG.warn("not compacting {}: the record at {} fails its checksum", b.path, pos);
                    return;
                }
                byte type = Record.type(data, pos);
                long seq = Record.seq(data, pos);
                boolean keep = switch (type) {
                    case Record.MSG -> liveHere(host, here, b.id, pos, seq);
                    case Record.TOMBSTONE -> !here.contains(seq);
                    default -> type != Record.ERASED;
                };
                if (keep) {
                    if (type == Record.MSG) {
                        moves.add(new long[] {seq, out.size()});
                        live += len;
                    }
                    out.write(data, pos, len);
                }
                pos += len;
            }
            Path tmp = dir.resolve(b.path.getFileName() + ".tmp");
            byte[] kept = out.toByteArray();
            BlockIo.writeSynced(io, tmp, kept, kept.length);
            long keptLive = live;
            commits.exclusive(() -> swap(b, tmp, kept.length, keptLive));
            for (long[] m : moves) {
                host.moved(m[0], FileBackend.ref(b.id, m[1]));
            }
            LOG.debug("compacted {}: {} bytes to {}", b.path, data.length, kept.length);
        } catch (IOException e) {
            throw new StorageException(Reason.INSUFFICIENT_RESOURCES, "cannot compact " + b.path + ": " + e, e);
        }
    }

    /** Whether the message record at {@code pos} is the live one of its sequence; remembers it was seen here. */
    private static boolean liveHere(BlockHost host, java.util.Set<Long> here, int block, int pos, long seq) {
        here.add(seq);
        return host.refOf(seq) == FileBackend.ref(block, pos);
    }

    private void swap(Block b, Path tmp, long size, long live) {
        try {
            commits.forget(b.handle);
            b.handle.close();
            io.move(tmp, b.path);
            io.syncDirectory(dir);
            b.handle = io.open(b.path, true);
            b.size = size;
            b.liveBytes = live;
            b.otherBytes = size - live;
        } catch (IOException e) {
            throw new StorageException(Reason.INSUFFICIENT_RESOURCES, "cannot replace " + b.path + ": " + e, e);
        }
    }
}
