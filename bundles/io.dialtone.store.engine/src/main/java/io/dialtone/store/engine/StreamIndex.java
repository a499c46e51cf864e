package io.dialtone.store.engine;

import io.dialtone.api.storage.SeqRange;
import io.dialtone.api.storage.StreamState;
import io.dialtone.api.storage.SubjectState;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The in-memory index of a stream: which sequences hold which subject, counters, and the queries over them. Knows
 * nothing of bytes, limits or locking (see {@link StreamEngine}). Empty: {@code first == last + 1}.
 */
final class StreamIndex {

    private final SeqRing ring = new SeqRing();
    private final SubjectTable subjects = new SubjectTable();
    long first = 1;
    long last;
    long msgs;
    long bytes;

    boolean holds(long seq) {
        return ring.holds(seq);
    }

    String subjectOf(long seq) {
        return subjects.get(ring.subjectAt(seq)).name;
    }

    long refOf(long seq) {
        return ring.refAt(seq);
    }

    void relocate(long seq, long ref) {
        ring.setRef(seq, ref);
    }

    int sizeOf(long seq) {
        return ring.sizeAt(seq);
    }

    long timestampOf(long seq) {
        return ring.timestampAt(seq);
    }

    /** The last held sequence, 0 when empty. */
    long lastHeld() {
        return msgs == 0 ? 0 : ring.lastHeld();
    }

    void add(long seq, String subject, int size, long timestamp, long ref) {
        SubjectTable.Entry e = subjects.intern(subject);
        ring.append(seq, timestamp, ref, e.id, size);
        if (msgs == 0) {
            first = seq;
        }
        msgs++;
        bytes += size;
        last = Math.max(last, seq);
        if (e.msgs == 0) {
            e.first = seq;
            e.firstStale = false;
        }
        e.msgs++;
        e.last = seq;
        e.lastStale = false;
    }

    /** Removes held message {@code seq}. */
    void remove(long seq) {
        SubjectTable.Entry e = subjects.get(ring.subjectAt(seq));
        bytes -= ring.sizeAt(seq);
        msgs--;
        ring.clear(seq);
        if (--e.msgs == 0) {
            subjects.release(e);
        } else {
            e.firstStale |= seq == e.first;
            e.lastStale |= seq == e.last;
        }
        if (msgs == 0) {
            ring.reset(last + 1);
            first = last + 1;
        } else if (seq == first) {
            first = ring.trimFront();
        }
    }

    /** Raises the last sequence (a skip, or a record proving a higher sequence existed). */
    void raiseLast(long seq) {
        if (seq > last) {
            last = seq;
            if (msgs == 0) {
                first = last + 1;
                ring.reset(first);
            }
        }
    }

    /** Sets the last sequence after everything above it is gone. */
    void lowerLast(long seq) {
        last = seq;
        if (msgs == 0) {
            first = last + 1;
            ring.reset(first);
        } else {
            ring.cutAfter(seq);
        }
    }

    /** Empties the index at {@code newFirst}, {@code newLast}. */
    void reset(long newFirst, long newLast) {
        ring.reset(newFirst);
        subjects.clear();
        msgs = 0;
        bytes = 0;
        last = newLast;
        first = newFirst;
    }

    /** Held sequences in {@code [from, to]} ascending, calling {@code visit} for each. */
    void forEachHeld(long from, long to, SeqVisitor visit) {
        long start = Math.max(from, ring.base());
        long end = Math.min(to, lastHeld());
        for (long s = start; s <= end; s++) {
            if (ring.holds(s)) {
                visit.visit(s);
            }
        }
    }

    /** Visits a sequence. */
    @FunctionalInterface
    interface SeqVisitor {
        void visit(long seq);
    }

    long firstOf(SubjectTable.Entry e) {
        if (e.firstStale) {
            for (long s = Math.max(e.first, ring.base()); s <= e.last; s++) {
                if (ring.subjectAt(s) == e.id) {
                    e.first = s;
                    break;
                }
            }
            e.firstStale = false;
        }
        return e.first;
    }

    long lastOf(SubjectTable.Entry e) {
        if (e.lastStale) {
            for (long s = Math.min(e.last, lastHeld()); s >= e.first; s--) {
                if (ring.subjectAt(s) == e.id) {
                    e.last = s;
                    break;
                }
            }
            e.lastStale = false;
        }
        return e.last;
    }

    /** The subject's entry, or null when the store holds none of it. */
    SubjectTable.Entry entry(String subject) {
        return subjects.get(subject);
    }

    /** The first held sequence at or after {@code from} matching {@code filter}; 0 when none. */
    long nextMatching(String filter, long from) {
        long start = Math.max(from, first);
        long end = lastHeld();
        int only = -1;
        if (!Subjects.isAll(filter) && !Subjects.hasWildcard(filter)) {
            SubjectTable.Entry e = subjects.get(filter);
            if (e == null) {
                return 0;
            }
            only = e.id;
            start = Math.max(start, firstOf(e));
            end = lastOf(e);
        }
        for (long s = start; s <= end; s++) {
            int id = ring.subjectAt(s);
            if (id != SeqRing.EMPTY && (only >= 0 ? id == only : Subjects.matches(filter, subjects.get(id).name))) {
                return s;
            }
        }
        return 0;
    }

    /** The last held sequence matching {@code filter}; 0 when none. */
    long lastMatching(String filter) {
        if (msgs == 0) {
            return 0;
        }
        if (Subjects.isAll(filter)) {
            return lastHeld();
        }
        if (!Subjects.hasWildcard(filter)) {
            SubjectTable.Entry e = subjects.get(filter);
            return e == null ? 0 : lastOf(e);
        }
        for (long s = lastHeld(); s >= ring.base(); s--) {
            int id = ring.subjectAt(s);
            if (id != SeqRing.EMPTY && Subjects.matches(filter, subjects.get(id).name)) {
                return s;
            }
        }
        return 0;
    }

    SubjectState filtered(String filter, long from) {
        if (msgs == 0) {
            return SubjectState.EMPTY;
        }
        if (!Subjects.isAll(filter) && !Subjects.hasWildcard(filter)) {
            SubjectTable.Entry e = subjects.get(filter);
            if (e == null) {
                return SubjectState.EMPTY;
            }
            if (from <= firstOf(e)) {
                return new SubjectState(e.msgs, e.first, lastOf(e));
            }
        }
        long n = 0;
        long f = 0;
        long l = 0;
        for (long s = Math.max(from, ring.base()); s <= lastHeld(); s++) {
            int id = ring.subjectAt(s);
            if (id != SeqRing.EMPTY && Subjects.matches(filter, subjects.get(id).name)) {
                n++;
                f = f == 0 ? s : f;
                l = s;
            }
        }
        return new SubjectState(n, f, l);
    }

    SortedMap<String, SubjectState> subjects(String filter) {
        SortedMap<String, SubjectState> out = new TreeMap<>();
        for (SubjectTable.Entry e : subjects.entries()) {
            if (Subjects.matches(filter, e.name)) {
                out.put(e.name, new SubjectState(e.msgs, firstOf(e), lastOf(e)));
            }
        }
        return out;
    }

    long sequenceAt(long timestamp) {
        for (long s = ring.base(); s <= lastHeld(); s++) {
            if (ring.holds(s) && ring.timestampAt(s) >= timestamp) {
                return s;
            }
        }
        return last + 1;
    }

    List<SeqRange> deletedRanges() {
        List<SeqRange> out = new ArrayList<>();
        if (msgs == 0) {
            return out;
        }
        long held = lastHeld();
        long runStart = 0;
        for (long s = first; s <= held; s++) {
            boolean gap = !ring.holds(s);
            if (gap && runStart == 0) {
                runStart = s;
            } else if (!gap && runStart != 0) {
                out.add(new SeqRange(runStart, s - 1));
                runStart = 0;
            }
        }
        if (last > held) {
            out.add(new SeqRange(held + 1, last));
        }
        return out;
    }

    StreamState state() {
        long firstTime = msgs == 0 ? 0 : ring.timestampAt(first);
        long lastTime = msgs == 0 ? 0 : ring.timestampAt(lastHeld());
        long deleted = msgs == 0 ? 0 : last - first + 1 - msgs;
        return new StreamState(msgs, bytes, first, firstTime, last, lastTime, subjects.size(), deleted);
    }
}
