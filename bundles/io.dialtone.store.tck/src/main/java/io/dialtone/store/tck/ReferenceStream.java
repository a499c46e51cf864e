package io.dialtone.store.tck;

import io.dialtone.api.storage.SeqRange;
import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamState;
import io.dialtone.api.storage.SubjectState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reference model of a stream store for the model test: the SPI's documented semantics written as plainly as
 * possible over a sorted map, with no care for speed. Subject filters: only literals, {@code x.*} and {@code >} are
 * used by the test, matched here by prefix rules of their own.
 */
final class ReferenceStream {

    record Msg(long seq, String subject, byte[] headers, byte[] payload, long ts) {
        long size() {
            return StreamState.msgSize(subject, headers == null ? 0 : headers.length, payload.length);
        }
    }

    final TreeMap<Long, Msg> msgs = new TreeMap<>();
    long last;
    long applied;
    StreamConfig config = StreamConfig.unlimited();

    static boolean matches(String filter, String subject) {
        if (filter.isEmpty() || filter.equals(">")) {
            return true;
        }
        if (filter.endsWith(".*")) {
            String prefix = filter.substring(0, filter.length() - 1);
            return subject.startsWith(prefix) && subject.indexOf('.', prefix.length()) < 0
                    && subject.length() > prefix.length();
        }
        if (filter.endsWith(".>")) {
            String prefix = filter.substring(0, filter.length() - 1);
            return subject.startsWith(prefix) && subject.length() > prefix.length();
        }
        return filter.equals(subject);
    }

    long first() {
        return msgs.isEmpty() ? last + 1 : msgs.firstKey();
    }

    long bytes() {
        return msgs.values().stream().mapToLong(Msg::size).sum();
    }

    long store(String subject, byte[] headers, byte[] payload, long ts) {
        Msg m = new Msg(last + 1, subject, headers, payload, ts);
        int hl = headers == null ? 0 : headers.length;
        if (config.maxMsgSize() > 0 && subject.length() + hl + payload.length > config.maxMsgSize()) {
            throw new StorageException(Reason.MESSAGE_TOO_LARGE, "model");
        }
        if (config.maxBytes() > 0 && m.size() > config.maxBytes()) {
            throw new StorageException(Reason.MAX_BYTES, "model");
        }
        if (config.discard() == StreamConfig.Discard.NEW) {
            if (config.maxMsgs() > 0 && msgs.size() >= config.maxMsgs()) {
                throw new StorageException(Reason.MAX_MSGS, "model");
            }
            if (config.maxBytes() > 0 && bytes() + m.size() > config.maxBytes()) {
                throw new StorageException(Reason.MAX_BYTES, "model");
            }
        }
        msgs.put(m.seq(), m);
        last = m.seq();
        applied++;
        perSubject(subject);
        msgsAndBytes();
        expireBefore(ts);
        return m.seq();
    }

    private long perSubject(String subject) {
        long removed = 0;
        while (config.maxMsgsPerSubject() > 0 && count(subject) > config.maxMsgsPerSubject()) {
            msgs.remove(msgs.values().stream().filter(x -> x.subject().equals(subject)).findFirst().get().seq());
            removed++;
        }
        return removed;
    }

    private long count(String subject) {
        return msgs.values().stream().filter(x -> x.subject().equals(subject)).count();
    }

    private long msgsAndBytes() {
        long removed = 0;
        while (config.maxMsgs() > 0 && msgs.size() > config.maxMsgs()) {
            msgs.pollFirstEntry();
            removed++;
        }
        while (config.maxBytes() > 0 && bytes() > config.maxBytes()) {
            msgs.pollFirstEntry();
            removed++;
        }
        return removed;
    }

    private long expireBefore(long now) {
        long removed = 0;
        while (config.maxAgeNanos() > 0 && !msgs.isEmpty() && msgs.firstEntry().getValue().ts()
                <= now - config.maxAgeNanos()) {
            msgs.pollFirstEntry();
            removed++;
        }
        return removed;
    }

    long expire(long now) {
        return counted(expireBefore(now));
    }

    long updateConfig(StreamConfig c) {
        config = c;
        long removed = 0;
        for (String subject : new TreeSet<>(subjects(">").keySet())) {
            removed += perSubject(subject);
        }
        return counted(removed + msgsAndBytes());
    }

    private long counted(long removed) {
        if (removed > 0) {
            applied++;
        }
        return removed;
    }

    long skip() {
        applied++;
        return ++last;
    }

    void skip(long seq, long count) {
        if (seq != last + 1) {
            throw new StorageException(Reason.SEQUENCE_MISMATCH, "model");
        }
        if (count > 0) {
            last += count;
            applied++;
        }
    }

    boolean remove(long seq) {
        return msgs.remove(seq) != null && counted(1) > 0;
    }

    long purge() {
        long n = msgs.size();
        msgs.clear();
        return counted(n);
    }

    long purge(String filter, long below, long keep) {
        boolean all = filter.isEmpty() || filter.equals(">");
        if (all && keep <= 0) {
            return below > 0 ? compact(below) : purge();
        }
        List<Long> matching = msgs.values().stream().filter(m -> matches(filter, m.subject())).map(Msg::seq)
                .toList();
        long quota = matching.size() - Math.max(0, keep);
        long removed = 0;
        for (long seq : matching) {
            if (removed >= quota || below > 0 && seq >= below) {
                break;
            }
            msgs.remove(seq);
            removed++;
        }
        return counted(removed);
    }

    long compact(long seq) {
        if (seq <= first()) {
            return 0;
        }
        long before = msgs.size();
        msgs.headMap(seq).clear();
        last = Math.max(last, seq - 1);
        applied++;
        return before - msgs.size();
    }

    void truncate(long seq) {
        if (seq >= last) {
            return;
        }
        msgs.tailMap(seq, false).clear();
        last = seq;
        applied++;
    }

    long loadNext(String filter, long from) {
        for (Msg m : msgs.tailMap(Math.max(from, first())).values()) {
            if (matches(filter, m.subject())) {
                return m.seq();
            }
        }
        return 0;
    }

    long loadLast(String filter) {
        for (Msg m : msgs.descendingMap().values()) {
            if (matches(filter, m.subject())) {
                return m.seq();
            }
        }
        return 0;
    }

    long sequenceAt(long ts) {
        return msgs.values().stream().filter(m -> m.ts() >= ts).mapToLong(Msg::seq).findFirst().orElse(last + 1);
    }

    StreamState state() {
        long n = msgs.size();
        long firstTime = n == 0 ? 0 : msgs.firstEntry().getValue().ts();
        long lastTime = n == 0 ? 0 : msgs.lastEntry().getValue().ts();
        long subjects = msgs.values().stream().map(Msg::subject).distinct().count();
        long deleted = n == 0 ? 0 : last - first() + 1 - n;
        return new StreamState(n, bytes(), first(), firstTime, last, lastTime, subjects, deleted);
    }

    List<SeqRange> deletedRanges() {
        List<SeqRange> out = new ArrayList<>();
        if (msgs.isEmpty()) {
            return out;
        }
        long expect = first();
        for (long seq : msgs.keySet()) {
            if (seq > expect) {
                out.add(new SeqRange(expect, seq - 1));
            }
            expect = seq + 1;
        }
        if (expect <= last) {
            out.add(new SeqRange(expect, last));
        }
        return out;
    }

    SortedMap<String, SubjectState> subjects(String filter) {
        SortedMap<String, SubjectState> out = new TreeMap<>();
        for (Map.Entry<Long, Msg> e : msgs.entrySet()) {
            String s = e.getValue().subject();
            if (matches(filter, s)) {
                SubjectState old = out.get(s);
                out.put(s, old == null ? new SubjectState(1, e.getKey(), e.getKey())
                        : new SubjectState(old.msgs() + 1, old.firstSeq(), e.getKey()));
            }
        }
        return out;
    }
}
