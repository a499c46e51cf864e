package io.dialtone.store.memory.internal;

import io.dialtone.api.storage.StorageProvider;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The memory storage provider: streams held in memory, bounded together by {@code max_memory_store}. */
@Component(configurationPid = MemoryStorageProvider.PID, property = StorageProvider.PROPERTY + "="
        + MemoryStorageProvider.NAME)
@Designate(ocd = MemoryStorageProvider.Config.class)
public final class MemoryStorageProvider implements StorageProvider {

    /** The configuration PID; stable once released. */
    public static final String PID = "io.dialtone.store.memory";
    /** The provider name, the value of {@code dialtone.storage}. */
    public static final String NAME = "memory";

    @ObjectClassDefinition(name = "Dialtone memory storage")
    public @interface Config {
        @AttributeDefinition(description = "nats-server's max_memory_store: bytes of message data all memory"
                + " streams may hold together; 0 or less: three quarters of the JVM's maximum heap.")
        long max_memory_store() default 0;
    }

    private final MemoryBudget budget;
    private final Map<String, MemoryStreamStore> stores = new HashMap<>();

    @Activate
    public MemoryStorageProvider(Config config) {
        long max = config.max_memory_store();
        this.budget = new MemoryBudget(max > 0 ? max : Runtime.getRuntime().maxMemory() / 4 * 3);
    }

    /** For tests and embedding: a provider with a memory limit in bytes. */
    public MemoryStorageProvider(long maxMemoryStore) {
        this.budget = new MemoryBudget(maxMemoryStore);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized StreamStore open(String account, String stream, StreamConfig config) {
        MemoryStreamStore store = stores.get(key(account, stream));
        if (store == null) {
            store = new MemoryStreamStore(new MemoryBackend(budget), config);
            stores.put(key(account, stream), store);
        } else {
            store.reopen(config);
        }
        return store;
    }

    @Override
    public synchronized List<String> streams(String account) {
        String prefix = key(account, "");
        List<String> out = new ArrayList<>();
        for (String k : stores.keySet()) {
            if (k.startsWith(prefix)) {
                out.add(k.substring(prefix.length()));
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public synchronized boolean delete(String account, String stream) {
        MemoryStreamStore store = stores.remove(key(account, stream));
        if (store != null) {
            store.drop();
        }
        return store != null;
    }

    @Deactivate
    synchronized void deactivate() {
        stores.values().forEach(MemoryStreamStore::drop);
        stores.clear();
    }

    /** Bytes held by all this provider's stores. */
    long used() {
        return budget.used();
    }

    private static String key(String account, String stream) {
        return account + '\u0000' + stream;
    }
}
