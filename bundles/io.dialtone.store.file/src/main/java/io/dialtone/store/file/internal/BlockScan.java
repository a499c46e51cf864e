package io.dialtone.store.file.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The records of one block file that check out, and the damaged byte ranges between them. After damage the scan
 * looks for the next position where a whole record checks out, so every good record after the damage is kept.
 */
final class BlockScan {

    /** A record at {@code pos} of {@code length} bytes, or damage over {@code [pos, pos + length)}. */
    record Span(int pos, int length, boolean damaged) {
    }

    final List<Span> spans = new ArrayList<>();
    int damaged;

    static BlockScan of(byte[] data) {
        BlockScan scan = new BlockScan();
        int pos = 0;
        while (pos < data.length) {
            int len = Record.validAt(data, pos, data.length);
            if (len > 0) {
                scan.spans.add(new Span(pos, len, false));
                pos += len;
                continue;
            }
            int next = pos + 1;
            while (next < data.length && (data[next] != (byte) 0xD1 || Record.validAt(data, next, data.length) < 0)) {
                next++;
            }
            scan.spans.add(new Span(pos, next - pos, true));
            scan.damaged++;
            pos = next;
        }
        return scan;
    }

    boolean clean() {
        return damaged == 0;
    }

    /**
     * Whether the only damage is at the very end and looks like a write cut short (a record whose length runs past
     * the end, or zeros): a torn tail, which only the last block may have.
     */
    boolean tornTailOnly(byte[] data) {
        if (damaged != 1) {
            return false;
        }
        Span last = spans.get(spans.size() - 1);
        if (!last.damaged()) {
            return false;
        }
        if (Record.cutShort(data, last.pos(), data.length)) {
            return true;
        }
        for (int i = last.pos(); i < data.length; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The good records' bytes, one after another. */
    byte[] goodBytes(byte[] data) {
        int total = 0;
        for (Span s : spans) {
            total += s.damaged() ? 0 : s.length();
        }
        byte[] out = new byte[total];
        int at = 0;
        for (Span s : spans) {
            if (!s.damaged()) {
                System.arraycopy(data, s.pos(), out, at, s.length());
                at += s.length();
            }
        }
        return out;
    }
}
