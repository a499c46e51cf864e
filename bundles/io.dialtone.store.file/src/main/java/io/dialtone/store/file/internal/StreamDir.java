package io.dialtone.store.file.internal;

import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A stream's directory, nats-server's layout: {@code <store_dir>/<account>/streams/<stream>/} holding
 * {@code meta.inf} (the format version), {@code msgs/<n>.blk}, {@code obs/<consumer>.dat} and
 * {@code quarantine/} (blocks set aside by recovery).
 */
final class StreamDir {

    /** The on-disk format this provider writes; it refuses directories written by a newer one. */
    static final int FORMAT = 1;

    final Path root;
    final Path msgs;
    final Path obs;
    final Path quarantine;
    private final Path meta;

    StreamDir(Path storeDir, String account, String stream) {
        this.root = storeDir.resolve(checkName(account)).resolve("streams").resolve(checkName(stream));
        this.msgs = root.resolve("msgs");
        this.obs = root.resolve("obs");
        this.quarantine = root.resolve("quarantine");
        this.meta = root.resolve("meta.inf");
    }

    /** Account, stream and consumer names become path segments: no separators, no dots-only names. */
    static String checkName(String name) {
        if (name == null || name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
                || name.indexOf('\0') >= 0 || name.chars().allMatch(c -> c == '.')) {
            throw new StorageException(Reason.BAD_REQUEST, "invalid name '" + name + "'");
        }
        return name;
    }

    /** Creates the directories and meta.inf, or checks an existing one's format. */
    void prepare(FileIo io) {
        try {
            if (io.exists(meta)) {
                String text = new String(BlockIo.readAll(io, meta), StandardCharsets.UTF_8);
                int format = formatOf(text);
                if (format > FORMAT) {
                    throw new StorageException(Reason.UNSUPPORTED_FORMAT, root + " was written by format " + format
                            + "; this provider reads up to " + FORMAT);
                }
            } else {
                io.createDirectories(root);
                byte[] text = ("format=" + FORMAT + "\n").getBytes(StandardCharsets.UTF_8);
                BlockIo.writeSynced(io, meta, text, text.length);
            }
            io.createDirectories(msgs);
            io.createDirectories(obs);
            io.syncDirectory(root);
        } catch (IOException e) {
            throw new StorageException(Reason.INSUFFICIENT_RESOURCES, "cannot open " + root + ": " + e, e);
        }
    }

    private int formatOf(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("format=")) {
                try {
                    return Integer.parseInt(line.substring(7).trim());
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new StorageException(Reason.UNSUPPORTED_FORMAT, meta + " does not say its format");
    }

    /** Deletes a directory tree through the seam. */
    static void deleteTree(FileIo io, Path dir) throws IOException {
        for (Path p : io.list(dir)) {
            deleteTree(io, p);
        }
        io.delete(dir);
    }
}
