package io.dialtone.transport.netty.internal;

import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.lang.reflect.Method;
import java.nio.channels.ServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the listening socket the launcher bound into a Netty server channel. With epoll, Netty takes over the
 * socket's file descriptor (read from the JDK channel, which needs {@code --add-opens java.base/sun.nio.ch}; the
 * launcher script passes it); otherwise, or if that fails, the JDK channel is wrapped for NIO.
 *
 * <p>A descriptor is taken over at most once per process: after Netty closes it the number may be reused, so a
 * re-activated listener must never adopt it again. A system property, which outlives bundle updates, records that.
 */
final class AdoptedSocket {

    static final String TAKEN = "dialtone.listener.client.adopted";
    private static final Logger LOG = LoggerFactory.getLogger(AdoptedSocket.class);

    private AdoptedSocket() {
    }

    /** Whether the launcher's socket is still available for adoption. */
    static boolean available(ServerSocketChannel bound) {
        return bound != null && bound.isOpen() && System.getProperty(TAKEN) == null;
    }

    /** The file descriptor of the JDK channel, or -1 when it cannot be read. */
    static int descriptor(ServerSocketChannel bound) {
        try {
            Method m = bound.getClass().getMethod("getFDVal");
            m.setAccessible(true);
            return (int) m.invoke(bound);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Cannot take over the launcher's socket for epoll ({}); using NIO", e.toString());
            return -1;
        }
    }

    /** A Netty channel over the launcher's socket: epoll when {@code fd >= 0}, else NIO. Marks the socket taken. */
    static ServerChannel adopt(ServerSocketChannel bound, int fd) {
        System.setProperty(TAKEN, "true");
        if (fd >= 0) {
            try {
                bound.configureBlocking(false);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new EpollServerSocketChannel(fd);
        }
        return new NioServerSocketChannel(bound);
    }
}
