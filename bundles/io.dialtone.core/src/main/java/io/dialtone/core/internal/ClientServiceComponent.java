package io.dialtone.core.internal;

import io.dialtone.api.client.Client;
import io.dialtone.api.client.ClientService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Registers the in-process client service for other bundles. The clients a bundle connected are closed when it
 * releases the service (bundle scope: each bundle gets its own instance), so a bundle that goes leaves no interest
 * behind.
 */
@Component(service = ClientService.class, scope = org.osgi.service.component.annotations.ServiceScope.BUNDLE)
public final class ClientServiceComponent implements ClientService {

    private final Broker broker;
    private final java.util.Set<Client> connected = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Activate
    public ClientServiceComponent(@Reference Broker broker) {
        this.broker = broker;
    }

    @Override
    public Client connect(String account, String name) {
        InProcessClient c = broker.connectInProcess(account, name, connected::remove);
        connected.add(c);
        return c;
    }

    @Deactivate
    void deactivate() {
        for (Client c : connected) {
            c.close();
        }
    }
}
