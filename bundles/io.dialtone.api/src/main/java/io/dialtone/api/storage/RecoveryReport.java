package io.dialtone.api.storage;

import java.util.List;

/**
 * What a store did when it was opened: records kept, bytes truncated from a torn tail, files quarantined (renamed,
 * never deleted) and the sequences it could not recover. A memory store's report is {@link #CLEAN}.
 *
 * @param recordsRecovered records read back that checked out
 * @param tornTailBytes bytes cut from the end of the last block (a write that did not complete)
 * @param quarantined the files set aside (their new names), each replaced by the records of it that checked out
 * @param lost sequences known lost; a range ending at {@code Long.MAX_VALUE} means "from here to the end"
 * @param notes what was done, for the log and advisories
 */
public record RecoveryReport(long recordsRecovered, long tornTailBytes, List<String> quarantined, List<SeqRange> lost,
        List<String> notes) {

    /** Nothing to report. */
    public static final RecoveryReport CLEAN = new RecoveryReport(0, 0, List.of(), List.of(), List.of());

    public RecoveryReport {
        quarantined = List.copyOf(quarantined);
        lost = List.copyOf(lost);
        notes = List.copyOf(notes);
    }

    /** Whether recovery found nothing wrong. */
    public boolean clean() {
        return tornTailBytes == 0 && quarantined.isEmpty() && lost.isEmpty();
    }
}
