package io.dialtone.store.file.internal;

import io.dialtone.api.storage.ConsumerStore;
import io.dialtone.api.storage.RecoveryReport;
import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.store.engine.ConsumerEngine;
import io.dialtone.store.engine.EngineConsumerStore;
import io.dialtone.store.engine.StreamEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A stream kept in block files: the engine's index rebuilt from the blocks at open, the bytes read from them. */
final class FileStreamStore extends StreamEngine implements BlockHost, Replayer {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileStreamStore.class);

    private final FileIo io;
    private final StreamDir dir;
    private final FileBackend files;
    private final GroupCommit commits;
    private final Consumer<FileStreamStore> onClose;
    private final Map<String, ConsumerEngine> consumers = new HashMap<>();
    private RecoveryReport report = RecoveryReport.CLEAN;

    private FileStreamStore(FileIo io, StreamDir dir, FileBackend files, GroupCommit commits, StreamConfig config,
            Consumer<FileStreamStore> onClose) {
        super(files, config);
        this.io = io;
        this.dir = dir;
        this.files = files;
        this.commits = commits;
        this.onClose = onClose;
        files.attach(this);
    }

    /** Opens (creating or recovering) the store in {@code dir}. */
    static FileStreamStore open(FileIo io, StreamDir dir, StreamConfig config, long blockSize, boolean lazy,
            Consumer<FileStreamStore> onClose) {
        dir.prepare(io);
        GroupCommit commits = new GroupCommit(lazy);
        FileBackend files = new FileBackend(io, dir.msgs, blockSize, commits);
        FileStreamStore store = new FileStreamStore(io, dir, files, commits, config, onClose);
        try {
            Recovery recovery = new Recovery(io, dir.msgs, dir.quarantine, files, store);
            if (recovery.run() == 0) {
                files.startBlock(1, 0, 0);
            }
            store.report = recovery.report();
        } catch (IOException e) {
            files.close();
            throw new StorageException(Reason.INSUFFICIENT_RESOURCES, "cannot recover " + dir.root + ": " + e, e);
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
        store.updateConfig(config);
        return store;
    }

    Path root() {
        return dir.root;
    }

    /** Syncs what was written (the lazy mode's timer). */
    void syncNow() {
        commits.syncNow();
    }

    /** How many syncs ran: fewer than writes when group commit batches them. */
    long syncs() {
        return commits.syncs();
    }

    int blockCount() {
        synchronized (this) {
            return files.blockCount();
        }
    }

    @Override
    public synchronized ConsumerStore consumer(String name) {
        ConsumerFile file = new ConsumerFile(io, dir.obs, name, commits.lazy(), () -> forget(name));
        ConsumerEngine engine = consumers.get(name);
        if (engine == null) {
            engine = new ConsumerEngine();
            if (!file.load(engine)) {
                file.changed(engine.encode());
            }
            consumers.put(name, engine);
        }
        return new EngineConsumerStore(engine, file);
    }

    private synchronized void forget(String name) {
        consumers.remove(name);
    }

    @Override
    public synchronized List<String> consumers() {
        List<String> out = new ArrayList<>();
        try {
            for (Path p : io.list(dir.obs)) {
                String n = p.getFileName().toString();
                if (n.endsWith(".dat")) {
                    out.add(n.substring(0, n.length() - 4));
                }
            }
        } catch (IOException e) {
            throw new StorageException(Reason.INSUFFICIENT_RESOURCES, "cannot list " + dir.obs + ": " + e, e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public synchronized boolean deleteConsumer(String name) {
        boolean existed = consumers().contains(name);
        if (existed) {
            new ConsumerFile(io, dir.obs, name, commits.lazy(), () -> forget(name)).deleted();
        }
        return existed;
    }

    @Override
    public RecoveryReport recovery() {
        return report;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (isClosed()) {
                return;
            }
            markClosed();
            try {
                files.close();
            } catch (StorageException e) {
                LOG.error("closing {}: the last sync failed; reopening recovers what is on disk", dir.root, e);
            }
        }
        onClose.accept(this);
    }

    // BlockHost

    @Override
    public long refOf(long seq) {
        return heldRef(seq);
    }

    @Override
    public void moved(long seq, long ref) {
        relocate(seq, ref);
    }

    @Override
    public long[] checkpoint() {
        return firstLastApplied();
    }

    // Replayer

    @Override
    public void onStore(long op, long seq, String subject, int size, long ts, long ref) {
        replayStore(op, seq, subject, size, ts, ref);
    }

    @Override
    public void onTombstone(long op, long seq) {
        replayTombstone(op, seq);
    }

    @Override
    public void onFloor(long op, long seq) {
        replayFloor(op, seq);
    }

    @Override
    public void onTruncate(long op, long seq) {
        replayTruncate(op, seq);
    }

    @Override
    public void onSkip(long op, long lastSeq) {
        replaySkip(op, lastSeq);
    }
}
