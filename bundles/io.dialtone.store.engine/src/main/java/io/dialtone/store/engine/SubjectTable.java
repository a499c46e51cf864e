package io.dialtone.store.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subjects a store holds, each interned once with an id the ring stores per message, and per subject its message
 * count and first and last sequence. First and last are recomputed lazily after the message they name is removed.
 */
final class SubjectTable {

    /** One subject's state. */
    static final class Entry {
        final String name;
        final int id;
        long msgs;
        long first;
        long last;
        boolean firstStale;
        boolean lastStale;

        Entry(String name, int id) {
            this.name = name;
            this.id = id;
        }
    }

    private final Map<String, Entry> byName = new HashMap<>();
    private final List<Entry> byId = new ArrayList<>();
    private final List<Integer> freeIds = new ArrayList<>();

    Entry get(String name) {
        return byName.get(name);
    }

    Entry get(int id) {
        return byId.get(id);
    }

    Entry intern(String name) {
        Entry e = byName.get(name);
        if (e != null) {
            return e;
        }
        int id;
        if (freeIds.isEmpty()) {
            id = byId.size();
            byId.add(null);
        } else {
            id = freeIds.remove(freeIds.size() - 1);
        }
        e = new Entry(name, id);
        byId.set(id, e);
        byName.put(name, e);
        return e;
    }

    /** Forgets a subject that holds no message any more. */
    void release(Entry e) {
        byName.remove(e.name);
        byId.set(e.id, null);
        freeIds.add(e.id);
    }

    int size() {
        return byName.size();
    }

    Collection<Entry> entries() {
        return byName.values();
    }

    void clear() {
        byName.clear();
        byId.clear();
        freeIds.clear();
    }
}
