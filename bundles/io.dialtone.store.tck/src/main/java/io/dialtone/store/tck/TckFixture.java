package io.dialtone.store.tck;

import io.dialtone.api.storage.StorageProvider;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a provider's tests get the provider under test: a provider module writes one fixture and names it on each TCK
 * subclass with {@link Use}. A new fixture is made for every test and closed after it.
 */
public interface TckFixture extends AutoCloseable {

    /** Names the fixture of a TCK subclass (it needs a public no-argument constructor). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Use {
        Class<? extends TckFixture> value();
    }

    /** The provider under test; the same instance until {@link #restarted()}. */
    StorageProvider provider();

    /** The provider after a restart (durable: a new instance over the same data); by default the same one. */
    default StorageProvider restarted() {
        return provider();
    }

    /** Releases what the fixture made (a temporary directory). */
    @Override
    default void close() throws Exception {
    }
}
