package io.dialtone.router;

/** A test subscription: its pattern, queue (or null) and an id that makes it distinct. */
record Sub(String subject, String queue, int id) {

    static Sub plain(String subject, int id) {
        return new Sub(subject, null, id);
    }

    static Sub queue(String subject, String queue, int id) {
        return new Sub(subject, queue, id);
    }

    void insertInto(SubjectIndex<Sub> index) {
        index.insert(subject, queue, this);
    }

    boolean removeFrom(SubjectIndex<Sub> index) {
        return index.remove(subject, queue, this);
    }
}
