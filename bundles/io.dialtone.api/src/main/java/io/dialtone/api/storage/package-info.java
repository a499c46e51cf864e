/**
 * The storage SPI of JetStream: {@link io.dialtone.api.storage.StorageProvider} services, tagged
 * {@code dialtone.storage=<name>}, open the {@link io.dialtone.api.storage.StreamStore} of a stream and, through it,
 * the {@link io.dialtone.api.storage.ConsumerStore} of each consumer. Shaped like nats-server's {@code store.go}:
 * reads fill caller-owned holders ({@link io.dialtone.api.storage.StoredMessage}), limits are enforced by the store,
 * which tells a {@link io.dialtone.api.storage.StoreListener} what it removed.
 *
 * <p>Ready for replication: every mutating call is a deterministic operation (the caller supplies timestamps and the
 * time used for age expiry), applied in call order; a store counts the operations it applied
 * ({@link io.dialtone.api.storage.StreamStore#lastApplied()}), writes a snapshot of itself and is rebuilt from one.
 * Plain Java types only; no Netty type crosses this package.
 */
@Export
@Version("1.0.0")
package io.dialtone.api.storage;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
