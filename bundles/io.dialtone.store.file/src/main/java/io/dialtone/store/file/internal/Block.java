package io.dialtone.store.file.internal;

import java.nio.file.Path;

/** One block file: its handle, where the next record goes, and how many of its bytes are live messages. */
final class Block {

    final int id;
    final Path path;
    FileIo.FileHandle handle;
    long size;
    long liveBytes;
    int liveMsgs;
    /** Bytes of records other than messages (tombstones, floors...), which a rewrite keeps. */
    long otherBytes;

    Block(int id, Path path, FileIo.FileHandle handle, long size) {
        this.id = id;
        this.path = path;
        this.handle = handle;
        this.size = size;
    }

    static String fileName(int id) {
        return id + ".blk";
    }

    /** The block id of a block file name, or -1 when it is not one. */
    static int idOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".blk")) {
            return -1;
        }
        try {
            return Integer.parseInt(name.substring(0, name.length() - 4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    void live(int recordLength) {
        liveBytes += recordLength;
        liveMsgs++;
    }

    /** Bytes of messages that are gone: what a rewrite would reclaim. */
    long deadBytes() {
        return size - liveBytes - otherBytes;
    }

    void dead(int recordLength) {
        liveBytes = Math.max(0, liveBytes - recordLength);
        liveMsgs = Math.max(0, liveMsgs - 1);
    }
}
