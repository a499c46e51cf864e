package io.dialtone.store.file.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A test's look at a stream's files: its block files in order and the records in one. */
final class OnDisk {

    /** A record in a block file. */
    record Rec(int pos, int length, byte type, long seq) {
    }

    private OnDisk() {
    }

    static Path msgs(Path storeDir) {
        return storeDir.resolve("A").resolve("streams").resolve("S").resolve("msgs");
    }

    static List<Path> blocks(Path storeDir) throws IOException {
        try (Stream<Path> s = Files.list(msgs(storeDir))) {
            return s.filter(p -> Block.idOf(p) >= 0)
                    .sorted((a, b) -> Integer.compare(Block.idOf(a), Block.idOf(b))).toList();
        }
    }

    static List<Rec> records(Path block) throws IOException {
        byte[] data = Files.readAllBytes(block);
        List<Rec> out = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int len = Record.validAt(data, pos, data.length);
            if (len < 0) {
                break;
            }
            out.add(new Rec(pos, len, Record.type(data, pos), Record.seq(data, pos)));
            pos += len;
        }
        return out;
    }

    /** The message records of a block. */
    static List<Rec> messages(Path block) throws IOException {
        return records(block).stream().filter(r -> r.type() == Record.MSG).toList();
    }

    static void flipBit(Path file, long offset, int bit) throws IOException {
        byte[] data = Files.readAllBytes(file);
        data[(int) offset] ^= (byte) (1 << bit);
        Files.write(file, data);
    }

    static void truncate(Path file, long size) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }
}
