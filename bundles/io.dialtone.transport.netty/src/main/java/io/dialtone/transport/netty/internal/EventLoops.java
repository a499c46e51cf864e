package io.dialtone.transport.netty.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/** The event loop groups of a listener: epoll when available, else NIO; daemon threads. */
final class EventLoops {

    private EventLoops() {
    }

    static EventLoopGroup group(int threads, boolean epoll, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * The I/O threads of a listener: as configured, else half the processors (at least one). Measured on 2 cores with
     * the clients on the same machine (bench/side-by-side.sh): one event loop instead of two made request/reply
     * 1.2-1.3x nats-server's rate instead of 0.87x (a request and its reply no longer cross threads, each crossing a
     * wake-up) at half the server CPU per request, with the other scenarios unchanged within noise.
     */
    static int threads(int configured) {
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    static void shutdown(EventLoopGroup... groups) {
        for (EventLoopGroup g : groups) {
            g.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
    }

    /** The first non-empty value. */
    static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }
}
