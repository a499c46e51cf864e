package io.dialtone.core.internal;

import io.dialtone.api.config.ConfigurationPids;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One import of one account from another (nats-server's {@code imports} entries): a factory configuration each,
 * written by io.dialtone.config from a config file's {@code accounts} block (which also checks that the exporting
 * account exports what is imported) or by an operator.
 */
@Component(service = {}, configurationPid = ImportComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ImportComponent.Config.class, factory = true) // method names: "__" is "_" in the property name
public final class ImportComponent {

    /** The factory configuration PID; stable once released. */
    public static final String FACTORY_PID = ConfigurationPids.ACCOUNT_IMPORT_FACTORY;

    @ObjectClassDefinition(name = "Dialtone account import",
            description = "Messages of one account made visible in another.")
    public @interface Config {
        @AttributeDefinition(description = "The importing account.")
        String account();

        @AttributeDefinition(description = "The exporting account.")
        String from__account();

        @AttributeDefinition(options = {@Option(value = "stream"), @Option(value = "service")})
        String kind();

        @AttributeDefinition(description = "The subject in the exporting account (wildcards allowed).")
        String subject();

        @AttributeDefinition(description = "The subject in the importing account; the same wildcards.")
        String to();

        @AttributeDefinition(description = "A service's responses: singleton, stream or chunked.",
                options = {@Option(value = "singleton"), @Option(value = "stream"), @Option(value = "chunked")})
        String response__type() default "singleton";
    }

    private final Accounts accounts;
    private final Account.Import imported;

    @Activate
    public ImportComponent(@Reference Accounts accounts, Config c) {
        this.accounts = accounts;
        this.imported = new Account.Import(c.account(), c.from__account(), "stream".equals(c.kind()), c.subject(),
                c.to() == null || c.to().isEmpty() ? c.subject() : c.to(), c.response__type());
        accounts.addImport(imported);
    }

    @Deactivate
    void deactivate() {
        accounts.removeImport(imported);
    }
}
