package io.dialtone.store.file.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Whole-file reads and writes through the seam, for recovery and block rewrites. */
final class BlockIo {

    private BlockIo() {
    }

    static byte[] readAll(FileIo io, Path file) throws IOException {
        try (FileIo.FileHandle h = io.open(file, false)) {
            long size = h.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " is too large for a block: " + size + " bytes");
            }
            byte[] data = new byte[(int) size];
            ByteBuffer dst = ByteBuffer.wrap(data);
            long pos = 0;
            while (dst.hasRemaining()) {
                int n = h.read(dst, pos);
                if (n < 0) {
                    break;
                }
                pos += n;
            }
            return data;
        }
    }

    /** Writes {@code data[0, length)} as a new file {@code file}, synced. */
    static void writeSynced(FileIo io, Path file, byte[] data, int length) throws IOException {
        try (FileIo.FileHandle h = io.open(file, true)) {
            h.truncate(0);
            h.write(ByteBuffer.wrap(data, 0, length), 0);
            h.force();
        }
    }
}
