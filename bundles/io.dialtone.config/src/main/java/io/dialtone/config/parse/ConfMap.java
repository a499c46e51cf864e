package io.dialtone.config.parse;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A configuration map: an insertion-ordered {@code Map<String, Object>} whose values are {@link String},
 * {@link Long}, {@link Double}, {@link Boolean}, {@link java.time.Instant}, {@link ConfList} or
 * {@link ConfMap}, plus the {@link Position} of every key and value.
 *
 * <p>Variables are ordinary keys ({@code NAME = value}), exactly as in nats-server; {@link #isUsedAsVariable}
 * tells whether one was referenced, so that validation can skip it the way nats-server skips
 * "used variables" when it reports unknown fields. A variable whose value is a map or list is shared, not
 * copied, by every reference.
 *
 * <p>Equality is that of {@link java.util.AbstractMap}: positions do not take part. The map is mutable; the
 * plain {@link #put(Object, Object)} records no position.
 */
public final class ConfMap extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    private final Position position;
    private final Map<String, Position> keyPositions = new HashMap<>();
    private final Map<String, Position> valuePositions = new HashMap<>();
    private final Set<String> usedAsVariable = new HashSet<>();

    /** @param position where the map starts (its {@code '{'}, or line 1 column 1 of a file) */
    public ConfMap(Position position) {
        this.position = position;
    }

    /**
     * Sets {@code key} to {@code value} and records both positions. A key given twice keeps its first place in
     * the iteration order and takes the last value and positions, as nats-server's last-one-wins.
     *
     * @param key           the key
     * @param value         the value
     * @param keyPosition   where the key is
     * @param valuePosition where the value is (for a variable reference: where the {@code $NAME} is)
     */
    public void put(String key, Object value, Position keyPosition, Position valuePosition) {
        put(key, value);
        keyPositions.put(key, keyPosition);
        valuePositions.put(key, valuePosition);
    }

    /** @return where this map starts */
    public Position position() {
        return position;
    }

    /**
     * @param key a key of this map
     * @return where the key is written, or {@code null} if unknown
     */
    public Position keyPosition(String key) {
        return keyPositions.get(key);
    }

    /**
     * @param key a key of this map
     * @return where the value of the key is written, or {@code null} if unknown
     */
    public Position valuePosition(String key) {
        return valuePositions.get(key);
    }

    /**
     * @param key a key of this map
     * @return {@code true} if some {@code $key} reference resolved to this entry
     */
    public boolean isUsedAsVariable(String key) {
        return usedAsVariable.contains(key);
    }

    /** @param key a key of this map that a {@code $key} reference resolved to */
    public void markUsedAsVariable(String key) {
        usedAsVariable.add(key);
    }
}
