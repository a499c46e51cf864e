package io.dialtone.store.file.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The seam all file I/O of the file store goes through, so that tests can replace it (a "power loss" file system
 * that keeps only what was synced, a full disk, a read-only directory). {@link RealFileIo} is the real one.
 */
public interface FileIo {

    /** Opens a file for reading, or for reading and writing ({@code write}, creating it when missing). */
    FileHandle open(Path file, boolean write) throws IOException;

    boolean exists(Path path);

    /** The entries (files and directories) directly in {@code dir}, sorted; empty when it does not exist. */
    List<Path> list(Path dir) throws IOException;

    void createDirectories(Path dir) throws IOException;

    /** Renames atomically, replacing {@code to}. */
    void move(Path from, Path to) throws IOException;

    /** Deletes a file or an empty directory if present. */
    void delete(Path path) throws IOException;

    /** Makes the directory's entries (creations, renames) durable. */
    void syncDirectory(Path dir) throws IOException;

    /** An open file. */
    interface FileHandle extends AutoCloseable {
        /** Reads into {@code dst} from {@code position}; returns bytes read, -1 at the end. */
        int read(java.nio.ByteBuffer dst, long position) throws IOException;

        /** Writes all of {@code src} at {@code position}. */
        void write(java.nio.ByteBuffer src, long position) throws IOException;

        long size() throws IOException;

        /** fdatasync: the file's data is durable when this returns. */
        void force() throws IOException;

        void truncate(long size) throws IOException;

        @Override
        void close() throws IOException;
    }
}
