package io.dialtone.itests.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dialtone.api.launch.LaunchProperties;
import io.dialtone.api.runtime.ListenerDTO;
import io.dialtone.api.runtime.ListenerRuntime;
import io.dialtone.api.runtime.ServerRuntime;
import io.dialtone.itests.support.Lines;
import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/** The client listener is up inside the framework and greets clients with the kernel's INFO. */
@ExtendWith(ServiceExtension.class)
class ClientListenerTest {

    @InjectService(filter = "(" + LaunchProperties.LISTENER_NAME + "=" + LaunchProperties.LISTENER_CLIENT + ")")
    ListenerRuntime listener;

    @InjectService
    ServerRuntime server;

    @Test
    void greetsWithInfo() throws IOException {
        ListenerDTO dto = listener.listener();
        assertTrue(dto.port > 0, "bound to an ephemeral port");
        try (Socket s = new Socket("127.0.0.1", dto.port)) {
            s.setSoTimeout(10_000);
            String info = Lines.read(s.getInputStream());
            assertTrue(info.startsWith("INFO {"), info);
            assertTrue(info.contains("\"server_id\":\"" + server.server().serverId + "\""), info);
            assertTrue(info.contains("\"version\":\"2.9.10\""), info);
            assertTrue(info.contains("\"port\":" + dto.port), info);
            assertTrue(info.endsWith("} "), "nats-server ends INFO with a space before CRLF: " + info);
        }
        assertEquals(dto.transport, listener.listener().transport);
    }
}
