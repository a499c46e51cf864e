package io.dialtone.itests.blackbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Test certificates, made by the JDK's keytool under target/test-certs (never committed): a CA, a server certificate
 * for localhost / 127.0.0.1, and client certificates: alice (e-mail SAN alice@example.com), bob (subject only,
 * {@code CN=bob,O=Dialtone Test}) and carol (a name no server user has). PEM files for the servers, PKCS#12 key
 * stores for jnats. Made once per test run.
 */
final class TestCertificates {

    static final String PASSWORD = "changeit";
    static final String BOB_DN = "CN=bob,O=Dialtone Test";
    private static final Path DIR = Path.of("target", "test-certs").toAbsolutePath();
    private static boolean made;

    private TestCertificates() {
    }

    /** The folder with ca.pem, server.pem, server-key.pem and alice/bob/carol.p12, made on first use. */
    static synchronized Path dir() throws Exception {
        if (!made) {
            make();
            made = true;
        }
        return DIR;
    }

    static Path file(String name) throws Exception {
        return dir().resolve(name);
    }

    /** A client context trusting the test CA, presenting {@code client}'s certificate ({@code null}: none). */
    static SSLContext clientContext(String client) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(file("ca.pem"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (client != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore(client), PASSWORD.toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static KeyStore keyStore(String name) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(DIR.resolve(name + ".p12"))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }

    private static void make() throws Exception {
        if (Files.exists(DIR.resolve("done"))) {
            return;
        }
        Files.createDirectories(DIR);
        try (var old = Files.list(DIR)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        keytool("-genkeypair", "-alias", "ca", "-dname", "CN=Dialtone Test CA", "-ext", "bc:c", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "30", "-keystore", "ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        leaf("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1", "EKU=serverAuth");
        leaf("alice", "CN=alice,O=Dialtone Test", "SAN=email:alice@example.com", "EKU=clientAuth");
        leaf("bob", BOB_DN, null, "EKU=clientAuth");
        leaf("carol", "CN=carol,O=Dialtone Test", null, "EKU=clientAuth");
        KeyStore server = keyStore("server");
        PrivateKey key = (PrivateKey) server.getKey("leaf", PASSWORD.toCharArray());
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(DIR.resolve("server-key.pem"), pem);
        Files.writeString(DIR.resolve("done"), "");
    }

    /** A key pair signed by the CA; its store holds the chain, {@code <name>.pem} the certificate. */
    private static void leaf(String name, String dn, String san, String eku) throws Exception {
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", "leaf", "-dname", dn, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-keystore", store);
        keytool("-certreq", "-alias", "leaf", "-keystore", store, "-file", name + ".csr");
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12",
                "-infile", name + ".csr", "-outfile", name + ".pem", "-validity", "30", "-ext", eku));
        if (san != null) {
            sign.addAll(List.of("-ext", san));
        }
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", store);
        keytool("-importcert", "-noprompt", "-alias", "leaf", "-file", name + ".pem", "-keystore", store);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        Process p = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
