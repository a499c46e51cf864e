package io.dialtone.deploy.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.felix.cm.file.ConfigurationHandler;

/** Why a file in deploy/ cannot be used, or {@code null} when it can. */
final class Verdict {

    private Verdict() {
    }

    /** For a jar: readable as a zip, with a manifest naming an OSGi bundle. */
    static String jar(File file) {
        try (JarFile jar = new JarFile(file)) {
            Manifest m = jar.getManifest();
            if (m == null) {
                return "it has no META-INF/MANIFEST.MF";
            }
            String bsn = m.getMainAttributes().getValue("Bundle-SymbolicName");
            if (bsn == null || bsn.isBlank()) {
                return "its manifest has no Bundle-SymbolicName, so it is a plain jar, not an OSGi bundle";
            }
            return null;
        } catch (IOException e) {
            return "it is not a readable jar (" + e.getMessage() + ")";
        }
    }

    /**
     * For a .cfg file (Java properties): every line that is not blank, a comment or a continuation is {@code key=value}
     * or {@code key: value}. The properties format itself takes any text (a line {@code garbage} is the key
     * {@code garbage} with an empty value), so without this a stray file silently became a configuration.
     */
    static String cfg(File file) {
        try {
            java.util.List<String> lines = Files.readAllLines(file.toPath(), java.nio.charset.StandardCharsets.ISO_8859_1);
            boolean continued = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                boolean wasContinued = continued;
                continued = line.endsWith("\\");
                if (wasContinued || line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                    continue;
                }
                if (line.indexOf('=') < 0 && line.indexOf(':') < 0) {
                    return "it is not a valid .cfg file (line " + (i + 1) + " is not key=value)";
                }
            }
            return null;
        } catch (IOException e) {
            return "it is not a readable .cfg file (" + e.getMessage() + ")";
        }
    }

    /** For a .config file: Felix's typed configuration format parses. */
    static String config(File file) {
        try (InputStream in = Files.newInputStream(file.toPath())) {
            ConfigurationHandler.read(in);
            return null;
        } catch (IOException | RuntimeException e) {
            return "it is not a valid .config file (" + e.getMessage() + ")";
        }
    }
}
