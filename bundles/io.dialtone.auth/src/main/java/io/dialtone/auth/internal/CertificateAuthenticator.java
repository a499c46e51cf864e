package io.dialtone.auth.internal;

import io.dialtone.api.config.ConfigurationPids;
import io.dialtone.api.auth.AuthDecision;
import io.dialtone.api.auth.Authenticator;
import io.dialtone.api.auth.ConnectAttempt;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.security.auth.x500.X500Principal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * nats-server's {@code verify_and_map}: on a listener that maps certificates, the client's certificate names the
 * user, and CONNECT's user and password are not looked at. As nats-server, the certificate's e-mail addresses, then
 * its DNS names, then its URIs are looked up among the user names; then its subject DN is compared with every user
 * name that parses as a DN, first in order, then as a set of RDNs. No match is a denial. Ranked above the other
 * authenticators, so it decides for such clients; it abstains for every other client.
 */
@Component(configurationPid = CertificateAuthenticator.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = "service.ranking:Integer=1000")
@Designate(ocd = CertificateAuthenticator.Config.class)
public final class CertificateAuthenticator implements Authenticator {

    /** The configuration PID; stable once released. */
    public static final String PID = ConfigurationPids.AUTH_TLSMAP;

    private static final int EMAIL = 1;
    private static final int DNS = 2;
    private static final int URI = 6;

    @ObjectClassDefinition(name = "Dialtone certificate-mapped users",
            description = "Users a client certificate may name (verify_and_map).")
    public @interface Config {
        @AttributeDefinition(description = "User names: e-mail addresses, DNS names, URIs or subject DNs.")
        String[] users() default {};
    }

    private final Set<String> users;
    private final List<LdapName> dns = new ArrayList<>();

    @Activate
    public CertificateAuthenticator(Config config) {
        this.users = Set.of(config.users());
        for (String u : users) {
            try {
                dns.add(new LdapName(u));
            } catch (InvalidNameException | IllegalArgumentException notADn) {
                // an e-mail address or a DNS name
            }
        }
    }

    @Override
    public AuthDecision authenticate(ConnectAttempt attempt) {
        if (!attempt.certificateNamesUser()) {
            return AuthDecision.abstain();
        }
        X509Certificate cert = attempt.certificate();
        if (cert == null) {
            return AuthDecision.deny("user required in certificate, none presented");
        }
        for (int type : new int[] {EMAIL, DNS, URI}) {
            for (String name : altNames(cert, type)) {
                if (users.contains(name)) {
                    return AuthDecision.allow(name, null);
                }
            }
        }
        String subject = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
        try {
            LdapName dn = new LdapName(subject);
            for (LdapName u : dns) {
                if (u.equals(dn)) {
                    return AuthDecision.allow(u.toString(), null);
                }
            }
            for (LdapName u : dns) {
                if (new HashSet<>(u.getRdns()).equals(new HashSet<>(dn.getRdns()))) {
                    return AuthDecision.allow(u.toString(), null);
                }
            }
        } catch (InvalidNameException e) {
            return AuthDecision.deny("certificate subject \"" + subject + "\" is not a DN");
        }
        return AuthDecision.deny("no user matches certificate \"" + subject + "\"");
    }

    private static List<String> altNames(X509Certificate cert, int type) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> all = cert.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> entry : all) {
                    if (entry.size() >= 2 && Integer.valueOf(type).equals(entry.get(0))) {
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no usable alternative names
        }
        return names;
    }
}
