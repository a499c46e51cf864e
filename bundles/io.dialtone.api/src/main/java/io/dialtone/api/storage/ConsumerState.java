package io.dialtone.api.storage;

import java.util.Map;

/**
 * A consumer's state (nats-server's {@code ConsumerState}).
 *
 * @param deliveredConsumer last consumer sequence delivered
 * @param deliveredStream stream sequence of the last message delivered
 * @param ackFloorConsumer consumer sequence below which all is acknowledged
 * @param ackFloorStream stream sequence of the ack floor
 * @param pending stream sequence to its delivery, for messages delivered and not acknowledged
 * @param redelivered stream sequence to how many times it was redelivered (deliveries minus one), if more than once
 */
public record ConsumerState(long deliveredConsumer, long deliveredStream, long ackFloorConsumer, long ackFloorStream,
        Map<Long, Pending> pending, Map<Long, Long> redelivered) {

    /** A delivered, unacknowledged message. */
    public record Pending(long consumerSeq, long timestampNanos) {
    }

    public ConsumerState {
        pending = Map.copyOf(pending);
        redelivered = Map.copyOf(redelivered);
    }

    /** A consumer that has delivered nothing. */
    public static final ConsumerState EMPTY = new ConsumerState(0, 0, 0, 0, Map.of(), Map.of());
}
