package io.dialtone.config.parse.internal;

import java.util.Arrays;

/** Maps character offsets of a text to 1-based lines and columns ({@code \n} ends a line). */
final class LineIndex {

    private final int[] lineStarts;
    private final int lines;

    LineIndex(String text) {
        int[] starts = new int[16];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = starts;
        this.lines = n;
    }

    /** @return the 1-based line containing {@code offset} */
    int lineOf(int offset) {
        int i = Arrays.binarySearch(lineStarts, 0, lines, offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** @return the offset where 1-based {@code line} starts */
    int startOf(int line) {
        return lineStarts[Math.max(0, Math.min(line, lines) - 1)];
    }
}
