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

    static int threads(int configured) {
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
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
