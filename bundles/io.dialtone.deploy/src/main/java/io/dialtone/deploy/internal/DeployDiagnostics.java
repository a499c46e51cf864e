package io.dialtone.deploy.internal;

import java.io.File;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims, ahead of FileInstall's own installers (higher service ranking), exactly the files in deploy/ that those
 * cannot use, and logs each with its name and the reason. Nothing is installed for them, so nothing else is harmed;
 * once such a file is fixed or removed, that is logged too.
 */
@Component(property = Constants.SERVICE_RANKING + ":Integer=1000")
public final class DeployDiagnostics implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(DeployDiagnostics.class);

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
        LOG.info("{} is gone from the deploy folder", artifact);
    }

    private void report(File artifact) {
        String why = reason(artifact);
        if (why != null) {
            LOG.error("Ignoring {}: {}", artifact, why);
        } else {
            LOG.warn("{} is usable now; remove it and drop it in again to have it installed", artifact);
        }
    }

    static String reason(File artifact) {
        String name = artifact.getName();
        if (name.endsWith(".jar")) {
            return Verdict.jar(artifact);
        }
        if (name.endsWith(".config")) {
            return Verdict.config(artifact);
        }
        return null;
    }
}
