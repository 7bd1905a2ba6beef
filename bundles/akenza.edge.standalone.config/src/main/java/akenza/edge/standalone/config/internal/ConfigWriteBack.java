// SPDX-License-Identifier: EPL-2.0
package akenza.edge.standalone.config.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a configuration back to the {@code .cfg} file it came from when it changes (the web console's
 * Save), so the file stays the one place an operator edits. {@link ConfigDirectory} reads the files. A file is
 * replaced only when its values differ, and atomically: a {@code kill -9} never leaves a half-written one.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class ConfigWriteBack implements ConfigurationListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWriteBack.class);

    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
    }

    /**
     * The file a configuration came from: Felix File Install's marker (configurations stored by an older
     * version, which used File Install), else {@code <akenza.edge.conf>/<pid>.cfg} when such a file exists.
     */
    private Path origin(String pid, Dictionary<String, Object> props) {
        Object marker = props.get("felix.fileinstall.filename");
        if (marker != null) {
            return Path.of(URI.create(marker.toString()));
        }
        String dir = context.getProperty(ConfigDirectory.DIR_PROPERTY);
        if (dir == null) {
            return null;
        }
        Path file = Path.of(dir).resolve(pid + ".cfg");
        return Files.exists(file) ? file : null;
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() != ConfigurationEvent.CM_UPDATED) {
            return;
        }
        ServiceReference<ConfigurationAdmin> ref = event.getReference();
        ConfigurationAdmin admin = ref == null ? null : context.getService(ref);
        if (admin == null) {
            return;
        }
        try {
            Configuration config = admin.getConfiguration(event.getPid(), "?");
            Dictionary<String, Object> props = config.getProperties();
            Path file = props == null ? null : origin(event.getPid(), props);
            if (file != null) {
                Map<String, String> values = CfgFile.textValues(props);
                if (!values.equals(CfgFile.read(file))) {
                    CfgFile.write(file, values);
                    LOG.info("Saved configuration {} to {}", event.getPid(), file);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save configuration {} to its file: {}", event.getPid(), e.toString());
        } finally {
            context.ungetService(ref);
        }
    }
}
