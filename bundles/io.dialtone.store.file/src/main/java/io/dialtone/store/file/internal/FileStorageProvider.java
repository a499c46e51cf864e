package io.dialtone.store.file.internal;

import io.dialtone.api.storage.StorageException;
import io.dialtone.api.storage.StorageException.Reason;
import io.dialtone.api.storage.StorageProvider;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file storage provider. By default a write is reported stored only once it is synced to disk (fdatasync, with
 * group commit: writers that arrive while one sync runs share the next); nats-server's {@code sync_interval} set
 * to a duration selects lazy mode, where writes return at once and a timer syncs every interval, nats-server's
 * trade-off (Jepsen 2025 lost acknowledged writes to it).
 */
@Component(configurationPid = FileStorageProvider.PID, property = StorageProvider.PROPERTY + "="
        + FileStorageProvider.NAME)
@Designate(ocd = FileStorageProvider.Config.class)
public final class FileStorageProvider implements StorageProvider {

    /** The configuration PID; stable once released. */
    public static final String PID = "io.dialtone.store.file";
    /** The provider name, the value of {@code dialtone.storage}. */
    public static final String NAME = "file";
    /** Default block size: 8 MiB, as nats-server's stream blocks. */
    public static final long DEFAULT_BLOCK_SIZE = 8L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(FileStorageProvider.class);

    @ObjectClassDefinition(name = "Dialtone file storage")
    public @interface Config {
        @AttributeDefinition(description = "nats-server's store_dir: where streams live"
                + " (<store_dir>/<account>/streams/<stream>); empty: the framework property dialtone.store.dir, else"
                + " <java.io.tmpdir>/dialtone/jetstream.")
        String store_dir() default "";

        @AttributeDefinition(description = "nats-server's sync_interval: 'always' (the default here) syncs before a"
                + " write is reported stored; a duration (e.g. 2m, nats-server's default) syncs lazily.")
        String sync_interval() default "always";

        @AttributeDefinition(description = "Bytes per block file.")
        long block_size() default DEFAULT_BLOCK_SIZE;
    }

    private final Path storeDir;
    private final FileIo io;
    private final long blockSize;
    private final long syncIntervalNanos;
    private final Map<Path, FileStreamStore> open = new HashMap<>();
    private final ScheduledExecutorService flusher;

    /** Framework property: the store_dir used when the configuration names none. */
    public static final String STORE_DIR_PROPERTY = "dialtone.store.dir";

    @Activate
    public FileStorageProvider(Config config, BundleContext context) {
        this(storeDir(config.store_dir(), context.getProperty(STORE_DIR_PROPERTY)), config.sync_interval(),
                config.block_size(), new RealFileIo());
    }

    private static Path storeDir(String configured, String property) {
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        return property != null && !property.isBlank() ? Path.of(property)
                : Path.of(System.getProperty("java.io.tmpdir"), "dialtone", "jetstream");
    }

    /** For tests and embedding. */
    public FileStorageProvider(Path storeDir, String syncInterval, long blockSize, FileIo io) {
        this.storeDir = storeDir;
        this.io = io;
        this.blockSize = blockSize > 0 ? blockSize : DEFAULT_BLOCK_SIZE;
        this.syncIntervalNanos = SyncInterval.parse(syncInterval);
        if (syncIntervalNanos > 0) {
            flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dialtone-store-sync");
                t.setDaemon(true);
                return t;
            });
            flusher.scheduleWithFixedDelay(this::syncAll, syncIntervalNanos, syncIntervalNanos, TimeUnit.NANOSECONDS);
        } else {
            flusher = null;
        }
        LOG.info("file storage in {}: {}", storeDir, syncIntervalNanos == 0 ? "sync before a write is reported"
                + " stored (group commit)" : "lazy, synced every " + syncIntervalNanos / 1_000_000 + " ms");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Whether writes are reported before they are synced. */
    public boolean lazy() {
        return syncIntervalNanos > 0;
    }

    @Override
    public synchronized StreamStore open(String account, String stream, StreamConfig config) {
        StreamDir dir = new StreamDir(storeDir, account, stream);
        FileStreamStore store = open.get(dir.root);
        if (store == null) {
            store = FileStreamStore.open(io, dir, config, blockSize, lazy(), this::closed);
            open.put(dir.root, store);
        } else {
            store.updateConfig(config);
        }
        return store;
    }

    private synchronized void closed(FileStreamStore store) {
        open.remove(store.root(), store);
    }

    @Override
    public synchronized List<String> streams(String account) {
        List<String> out = new ArrayList<>();
        try {
            for (Path p : io.list(storeDir.resolve(StreamDir.checkName(account)).resolve("streams"))) {
                out.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw new StorageException(Reason.INSUFFICIENT_RESOURCES, "cannot list streams: " + e, e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public boolean delete(String account, String stream) {
        StreamDir dir = new StreamDir(storeDir, account, stream);
        FileStreamStore store;
        synchronized (this) {
            store = open.get(dir.root);
        }
        if (store != null) {
            store.close();
        }
        synchronized (this) {
            if (!io.exists(dir.root)) {
                return false;
            }
            try {
                StreamDir.deleteTree(io, dir.root);
            } catch (IOException e) {
                throw new StorageException(Reason.INSUFFICIENT_RESOURCES, "cannot delete " + dir.root + ": " + e, e);
            }
            return true;
        }
    }

    private void syncAll() {
        List<FileStreamStore> stores;
        synchronized (this) {
            stores = new ArrayList<>(open.values());
        }
        for (FileStreamStore s : stores) {
            try {
                s.syncNow();
            } catch (RuntimeException e) {
                LOG.error("sync of {} failed", s.root(), e);
            }
        }
    }

    /** Closes every open store (syncing them) and stops the timer. */
    @Deactivate
    public void close() {
        List<FileStreamStore> stores;
        synchronized (this) {
            stores = new ArrayList<>(open.values());
        }
        stores.forEach(FileStreamStore::close);
        if (flusher != null) {
            flusher.shutdownNow();
        }
    }
}
