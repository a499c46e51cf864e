package io.dialtone.store.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dialtone.api.storage.ConsumerState;
import io.dialtone.api.storage.ConsumerState.Pending;
import io.dialtone.api.storage.ConsumerStore;
import io.dialtone.api.storage.StreamConfig;
import io.dialtone.api.storage.StreamStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A consumer's delivered, ack floor, pending and redelivery state, kept across a restart. */
public abstract class ConsumerStoreTck extends TckBase {

    @Test
    void deliveredAndAcked() {
        StreamStore s = newStream();
        ConsumerStore c = s.consumer("dur");
        assertEquals(ConsumerState.EMPTY, c.state());
        c.updateDelivered(1, 10, 1, 100);
        c.updateDelivered(2, 11, 1, 200);
        c.updateDelivered(3, 12, 1, 300);
        ConsumerState st = c.state();
        assertEquals(3, st.deliveredConsumer());
        assertEquals(12, st.deliveredStream());
        assertEquals(Map.of(10L, new Pending(1, 100), 11L, new Pending(2, 200), 12L, new Pending(3, 300)),
                st.pending());
        c.updateAcks(2, 11);
        assertEquals(0, c.state().ackFloorConsumer(), "an ack above the floor leaves it");
        c.updateAcks(1, 10);
        st = c.state();
        assertEquals(2, st.ackFloorConsumer());
        assertEquals(11, st.ackFloorStream());
        assertEquals(Map.of(12L, new Pending(3, 300)), st.pending());
        c.updateAcks(3, 12);
        st = c.state();
        assertEquals(new ConsumerState(3, 12, 3, 12, Map.of(), Map.of()), st);
    }

    @Test
    void redeliveriesAreCounted() {
        StreamStore s = newStream();
        ConsumerStore c = s.consumer("dur");
        c.updateDelivered(1, 5, 1, 100);
        c.updateDelivered(2, 5, 2, 200);
        c.updateDelivered(3, 5, 3, 300);
        ConsumerState st = c.state();
        assertEquals(Map.of(5L, 2L), st.redelivered());
        assertEquals(new Pending(1, 300), st.pending().get(5L), "the original delivery, the latest time");
        c.updateAcks(1, 5);
        assertEquals(Map.of(), c.state().redelivered());
        c.updateAcks(1, 5);
        assertEquals(3, c.state().ackFloorConsumer());
    }

    @Test
    void stateSurvivesARestart() {
        StreamStore s = newStream();
        String name = lastName();
        ConsumerStore c = s.consumer("dur");
        c.updateDelivered(1, 1, 1, 10);
        c.updateDelivered(2, 2, 1, 20);
        c.updateDelivered(3, 2, 2, 30);
        c.updateAcks(1, 1);
        ConsumerState before = c.state();
        c.close();
        StreamStore again = restart(s, name, StreamConfig.unlimited());
        ConsumerStore c2 = again.consumer("dur");
        assertEquals(before, c2.state());
        c2.close();
        again.close();
    }
}
