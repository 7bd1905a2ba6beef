// SPDX-License-Identifier: EPL-2.0
package akenza.edge.standalone.config.internal;

import java.io.IOException;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone runtime's configuration store: the {@code <pid>.cfg} files of the directory named by the
 * framework property {@value #DIR_PROPERTY} (the launcher's {@code --conf}), applied at start and whenever
 * one changes ({@link ConfigFiles}). Without that property (not the standalone runtime) it does nothing.
 */
@Component(immediate = true)
public final class ConfigDirectory {

    /** The framework property naming the configuration directory. */
    static final String DIR_PROPERTY = "akenza.edge.conf";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigDirectory.class);

    @Reference
    private ConfigurationAdmin admin;
    private ConfigFiles files;

    @Activate
    void activate(BundleContext context) {
        String dir = context.getProperty(DIR_PROPERTY);
        if (dir == null) {
            return;
        }
        try {
            files = new ConfigFiles(Path.of(dir), admin);
        } catch (IOException e) {
            LOG.error("Cannot read the configuration files in {}: {}", dir, e.toString());
        }
    }

    @Deactivate
    void deactivate() {
        if (files != null) {
            files.close();
        }
    }
}
