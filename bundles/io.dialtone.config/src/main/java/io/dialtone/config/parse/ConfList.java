package io.dialtone.config.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * A configuration array: a {@code List<Object>} of mixed values (see {@link ConfMap} for the types) plus the
 * {@link Position} of every element. Equality is that of {@link java.util.AbstractList}; the plain
 * {@link #add(Object)} records no position.
 */
public final class ConfList extends ArrayList<Object> {

    private static final long serialVersionUID = 1L;

    private final Position position;
    private final List<Position> positions = new ArrayList<>();

    /** @param position where the list starts (its {@code '['}) */
    public ConfList(Position position) {
        this.position = position;
    }

    /**
     * Appends a value with its position.
     *
     * @param value         the element
     * @param valuePosition where it is written
     */
    public void add(Object value, Position valuePosition) {
        add(value);
        while (positions.size() < size() - 1) {
            positions.add(null);
        }
        positions.add(valuePosition);
    }

    /** @return where this list starts */
    public Position position() {
        return position;
    }

    /**
     * @param index an element index
     * @return where that element is written, or {@code null} if unknown
     */
    public Position position(int index) {
        return index < positions.size() ? positions.get(index) : null;
    }
}
