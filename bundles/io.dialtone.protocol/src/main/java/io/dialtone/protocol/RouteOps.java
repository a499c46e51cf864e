package io.dialtone.protocol;

import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the operations {@link RouteParser} decodes from one route connection (server to server inside a
 * cluster, nats-server 2.9's route protocol with accounts).
 *
 * <p>As for {@link ClientOps}: every {@link ByteBuf} argument is a read-only slice valid only for the call; an
 * absent optional argument is an empty buffer, never {@code null}.
 */
@ConsumerType
public interface RouteOps {

    /** {@code INFO <json>} from the peer (its first one, and updates later). */
    void onRouteInfo(ByteBuf json);

    /** {@code CONNECT <json>} from a peer that dialled this server. */
    void onRouteConnect(ByteBuf json);

    /**
     * {@code RS+ <account> <subject> [<queue> <weight>]}: the peer has interest.
     *
     * @param queue the queue group, empty if none
     * @param weight the number of the peer's members of the queue group (1 for a plain subscription)
     */
    void onRemoteSub(ByteBuf account, ByteBuf subject, ByteBuf queue, int weight);

    /** {@code RS- <account> <subject> [<queue>]}: the peer's interest is gone. */
    void onRemoteUnsub(ByteBuf account, ByteBuf subject, ByteBuf queue);

    /**
     * {@code RMSG <account> <subject> [reply | + reply queues... | "|" queues...] <size>} or the {@code HMSG} form
     * with a header size, followed by the message.
     *
     * @param reply the reply subject, empty if none
     * @param queues the queue groups the message may still go to, blank-separated, empty if none
     * @param headerSize the number of leading header bytes of {@code message} (0 for RMSG)
     * @param message headers then payload, without the trailing CR LF
     */
    void onRouteMsg(ByteBuf account, ByteBuf subject, ByteBuf reply, ByteBuf queues, int headerSize,
            ByteBuf message);

    /** {@code PING}. */
    void onPing();

    /** {@code PONG}. */
    void onPong();

    /** {@code -ERR <text>} from the peer. */
    void onRouteErr(ByteBuf text);

    /** The input broke the protocol; the parser takes nothing more. The connection should be closed. */
    void onRouteProtocolError(String why);
}
