package io.dialtone.api.storage;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A storage provider: opens, lists and deletes the stores of streams. Registered as a service with the property
 * {@value #PROPERTY} naming it ({@code memory}, {@code file}, ...); a stream names its provider.
 */
@ConsumerType
public interface StorageProvider {

    /** Service property naming the provider. */
    String PROPERTY = "dialtone.storage";

    /** This provider's name, the value of {@link #PROPERTY}. */
    String name();

    /**
     * Opens the store of a stream, creating it when it does not exist and recovering it when it does; an open store
     * takes {@code config} as its limits.
     *
     * @throws StorageException when the store cannot be opened (unreadable, written by a newer format, no room)
     */
    StreamStore open(String account, String stream, StreamConfig config);

    /** The names of the streams of an account that this provider holds, sorted. */
    List<String> streams(String account);

    /** Deletes a stream's store and all its consumers' stores; false when there was none. Close it first. */
    boolean delete(String account, String stream);
}
