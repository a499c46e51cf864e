package io.dialtone.store.file.internal;

import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;
import io.dialtone.store.engine.ConsumerEngine;
import io.dialtone.store.engine.EngineConsumerStore;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's state file {@code obs/<name>.dat}: a CRC32C and the encoded state, replaced atomically on every change
 * (written to a temporary file, synced unless lazy, renamed).
 */
final class ConsumerFile implements EngineConsumerStore.Keeper {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerFile.class);

    private final FileIo io;
    private final Path file;
    private final boolean lazy;
    private final Runnable onDelete;

    ConsumerFile(FileIo io, Path obs, String name, boolean lazy, Runnable onDelete) {
        this.io = io;
        this.file = obs.resolve(StreamDir.checkName(name) + ".dat");
        this.lazy = lazy;
        this.onDelete = onDelete;
    }

    /** Loads the state kept, if any, into {@code engine}; false when there is none. */
    boolean load(ConsumerEngine engine) {
        if (!io.exists(file)) {
            return false;
        }
        try {
            byte[] data = BlockIo.readAll(io, file);
            ByteBuffer b = ByteBuffer.wrap(data);
            int crc = b.getInt();
            CRC32C check = new CRC32C();
            check.update(data, 4, data.length - 4);
            if ((int) check.getValue() != crc) {
                LOG.error("consumer state {} fails its checksum; the consumer starts over", file);
                return false;
            }
            engine.decode(new DataInputStream(new ByteArrayInputStream(data, 4, data.length - 4)));
            return true;
        } catch (IOException | RuntimeException e) {
            throw new StorageException(Reason.INSUFFICIENT_RESOURCES, "cannot read " + file + ": " + e, e);
        }
    }

    @Override
    public void changed(byte[] encoded) {
        byte[] data = new byte[encoded.length + 4];
        CRC32C crc = new CRC32C();
        crc.update(encoded);
        ByteBuffer.wrap(data).putInt((int) crc.getValue()).put(encoded);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (FileIo.FileHandle h = io.open(tmp, true)) {
                h.truncate(0);
                h.write(ByteBuffer.wrap(data), 0);
                if (!lazy) {
                    h.force();
                }
            }
            io.move(tmp, file);
            if (!lazy) {
                io.syncDirectory(file.getParent());
            }
        } catch (IOException e) {
            throw new StorageException(Reason.INSUFFICIENT_RESOURCES, "cannot write " + file + ": " + e, e);
        }
    }

    @Override
    public void closed() {
    }

    @Override
    public void deleted() {
        try {
            io.delete(file);
        } catch (IOException e) {
            throw new StorageException(Reason.INSUFFICIENT_RESOURCES, "cannot delete " + file + ": " + e, e);
        }
        onDelete.run();
    }
}
