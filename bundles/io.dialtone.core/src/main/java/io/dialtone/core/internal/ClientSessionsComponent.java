package io.dialtone.core.internal;

import io.dialtone.api.runtime.ServerRuntime;
import io.dialtone.core.transport.ClientSessions;
import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Creates a session for each client connection a transport hands over. */
@Component
public final class ClientSessionsComponent implements ClientSessions {

    private final ServerRuntime server;
    private final AtomicLong clientIds = new AtomicLong();

    @Activate
    public ClientSessionsComponent(@Reference ServerRuntime server) {
        this.server = server;
    }

    @Override
    public void attach(Channel channel) {
        channel.pipeline().addLast(SESSION_HANDLER, new ClientSession(server.server(), clientIds.incrementAndGet()));
    }
}
