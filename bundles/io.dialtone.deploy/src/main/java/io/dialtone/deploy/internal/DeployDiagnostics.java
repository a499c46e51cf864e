package io.dialtone.deploy.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Dictionary;
import java.util.Properties;
import org.apache.felix.cm.file.ConfigurationHandler;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Constants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims, ahead of FileInstall's own installers (higher service ranking), exactly the files in deploy/ that those
 * cannot use, and logs each with its name and the reason. Nothing is installed for them, so nothing else is harmed.
 * A configuration file fixed in place is applied at once, as FileInstall would have applied it (FileInstall hands the
 * fixed file back to this installer, as an update or an uninstall, and would not look at it again until it changes);
 * a fixed jar is logged as usable.
 */
@Component(property = Constants.SERVICE_RANKING + ":Integer=1000")
public final class DeployDiagnostics implements ArtifactInstaller {

    /** The property FileInstall marks its configurations with (the file's URI), so it owns them from then on. */
    static final String FILENAME = "felix.fileinstall.filename";

    private static final Logger LOG = LoggerFactory.getLogger(DeployDiagnostics.class);

    private final ConfigurationAdmin configAdmin;

    @Activate
    public DeployDiagnostics(@Reference ConfigurationAdmin configAdmin) {
        this.configAdmin = configAdmin;
    }

    @Override
    public boolean canHandle(File artifact) {
        return reason(artifact) != null;
    }

    @Override
    public void install(File artifact) {
        report(artifact);
    }

    @Override
    public void update(File artifact) {
        report(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        if (artifact.exists()) {
            // fixed: FileInstall lets go of the file here and would not look at it again until it changes. Once it
            // is applied, a touch makes FileInstall's own installer take it over (it finds the configuration by its
            // file name), so editing or deleting the file later works as for any other.
            report(artifact);
            if (reason(artifact) == null && isConfiguration(artifact.getName())
                    && !artifact.setLastModified(System.currentTimeMillis())) {
                LOG.warn("{} could not be touched; edit it once more to have later changes applied", artifact);
            }
            return;
        }
        LOG.info("{} is gone from the deploy folder", artifact);
        if (isConfiguration(artifact.getName())) {
            forget(artifact);
        }
    }

    private void report(File artifact) {
        String why = reason(artifact);
        if (why != null) {
            LOG.error("Ignoring {}: {}", artifact, why);
        } else if (isConfiguration(artifact.getName())) {
            apply(artifact);
        } else {
            LOG.warn("{} is usable now; remove it and drop it in again to have it installed", artifact);
        }
    }

    /** What FileInstall's configuration installer does with a file: {@code pid.config} or {@code factory-name.cfg}. */
    private void apply(File artifact) {
        String name = artifact.getName();
        String pid = name.substring(0, name.lastIndexOf('.'));
        int dash = pid.indexOf('-');
        try {
            Dictionary<String, Object> props = read(artifact);
            props.put(FILENAME, artifact.toURI().toString());
            Configuration c = dash < 0 ? configAdmin.getConfiguration(pid, "?")
                    : configAdmin.getFactoryConfiguration(pid.substring(0, dash), pid.substring(dash + 1), "?");
            c.update(props);
            LOG.info("{} is usable now: applied as configuration {}", artifact, c.getPid());
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not apply {}: {}", artifact, e.toString());
        }
    }

    /** A configuration this installer applied goes with its file, as FileInstall's own would. */
    private void forget(File artifact) {
        try {
            Configuration[] applied = configAdmin.listConfigurations(
                    "(" + FILENAME + "=" + escape(artifact.toURI().toString()) + ")");
            if (applied != null) {
                for (Configuration c : applied) {
                    c.delete();
                    LOG.info("Configuration {} deleted with {}", c.getPid(), artifact);
                }
            }
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            LOG.error("Could not delete the configuration of {}: {}", artifact, e.toString());
        }
    }

    /** An LDAP filter value with its special characters escaped. */
    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    @SuppressWarnings("unchecked")
    private static Dictionary<String, Object> read(File artifact) throws IOException {
        try (InputStream in = Files.newInputStream(artifact.toPath())) {
            if (artifact.getName().endsWith(".config")) {
                return ConfigurationHandler.read(in);
            }
            Properties p = new Properties();
            p.load(in);
            Dictionary<String, Object> d = new java.util.Hashtable<>();
            p.forEach((k, v) -> d.put((String) k, v));
            return d;
        }
    }

    private static boolean isConfiguration(String name) {
        return name.endsWith(".config") || name.endsWith(".cfg");
    }

    static String reason(File artifact) {
        String name = artifact.getName();
        if (name.endsWith(".jar")) {
            return Verdict.jar(artifact);
        }
        if (name.endsWith(".config")) {
            return Verdict.config(artifact);
        }
        if (name.endsWith(".cfg")) {
            return Verdict.cfg(artifact);
        }
        return null;
    }
}
