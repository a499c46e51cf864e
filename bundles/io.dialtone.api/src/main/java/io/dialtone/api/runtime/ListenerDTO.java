package io.dialtone.api.runtime;

/** A snapshot of one listener. */
public class ListenerDTO {
    /** {@code client}, later {@code route}, {@code gateway}, {@code websocket}. */
    public String name;
    /** The address bound. */
    public String host;
    /** The port bound. */
    public int port;
    /** The I/O transport in use: {@code epoll} or {@code nio}. */
    public String transport;
    /** Whether the socket was bound by the launcher before the framework started and adopted afterwards. */
    public boolean adopted;
    /** Connections currently open through this listener. */
    public int connections;
    /** Connections accepted since the listener started. */
    public long totalConnections;
}
