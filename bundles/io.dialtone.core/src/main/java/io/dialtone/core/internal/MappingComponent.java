package io.dialtone.core.internal;

import io.dialtone.api.config.ConfigurationPids;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subject mapping of one account (nats-server's {@code mappings} entries, at the top level for the global account
 * or inside an account): a factory configuration each, written by io.dialtone.config from a config file or by an
 * operator. Mappings of an account are tried in {@code order}; the first whose source matches applies.
 */
@Component(service = {}, configurationPid = MappingComponent.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MappingComponent.Config.class, factory = true)
public final class MappingComponent {

    /** The factory configuration PID; stable once released. */
    public static final String FACTORY_PID = ConfigurationPids.ACCOUNT_MAPPING_FACTORY;

    private static final Logger LOG = LoggerFactory.getLogger(MappingComponent.class);

    @ObjectClassDefinition(name = "Dialtone subject mapping",
            description = "Rewrites published subjects of an account before they are routed.")
    public @interface Config {
        @AttributeDefinition(description = "The account (empty: the global account $G).", required = false)
        String account() default "";

        @AttributeDefinition(description = "The subject pattern published subjects are matched against.")
        String source();

        @AttributeDefinition(description = "The destinations, with {{wildcard(n)}} and the other functions.")
        String[] destinations();

        @AttributeDefinition(description = "Each destination's weight in percent (default 100 for one).",
                required = false)
        int[] weights() default {};

        @AttributeDefinition(description = "Position among the account's mappings.", required = false)
        int order() default 0;
    }

    private final Accounts accounts;
    private final Accounts.Mapping mapping;

    @Activate
    public MappingComponent(@Reference Accounts accounts, Config c) {
        this.accounts = accounts;
        List<SubjectMapping.Destination> destinations = new ArrayList<>();
        String[] d = c.destinations();
        int[] w = c.weights();
        for (int i = 0; i < d.length; i++) {
            destinations.add(new SubjectMapping.Destination(d[i], i < w.length ? w[i] : d.length == 1 ? 100 : 0));
        }
        Accounts.Mapping m = null;
        try {
            m = new Accounts.Mapping(c.account(), c.order(), SubjectMapping.of(c.source(), destinations));
            accounts.addMapping(m);
        } catch (IllegalArgumentException e) {
            LOG.error("Subject mapping of \"{}\" not applied: {}", c.source(), e.getMessage());
        }
        this.mapping = m;
    }

    @Deactivate
    void deactivate() {
        if (mapping != null) {
            accounts.removeMapping(mapping);
        }
    }
}
