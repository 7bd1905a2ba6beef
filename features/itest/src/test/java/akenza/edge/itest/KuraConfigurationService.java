// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import org.eclipse.kura.KuraErrorCode;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.configuration.ConfigurationService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Kura's ConfigurationService as far as the Cloud Connections page uses it, done the way Kura 5.5's
 * {@code ConfigurationServiceImpl} does it: a ConfigAdmin factory configuration holding the metatype defaults,
 * the given properties and {@code kura.service.pid}; deletion finds the factory configuration by its
 * {@code kura.service.pid}.
 */
final class KuraConfigurationService implements ConfigurationService {

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final MetaTypeService metaType;

    KuraConfigurationService(BundleContext context, ConfigurationAdmin configAdmin, MetaTypeService metaType) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.metaType = metaType;
    }

    @Override
    public synchronized void createFactoryConfiguration(String factoryPid, String pid, Map<String, Object> properties,
            boolean takeSnapshot) throws KuraException {
        if (pid == null || find(pid) != null) {
            throw new KuraException(KuraErrorCode.INVALID_PARAMETER, "pid " + pid + " is null or exists");
        }
        try {
            String servicePid = configAdmin.createFactoryConfiguration(factoryPid, null).getPid();
            Map<String, Object> merged = defaults(factoryPid);
            if (properties != null) {
                merged.putAll(properties);
            }
            merged.put(KURA_SERVICE_PID, pid);
            configAdmin.getConfiguration(servicePid, "?").update(new Hashtable<>(merged));
        } catch (Exception e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, e, "cannot create " + factoryPid);
        }
    }

    @Override
    public synchronized void deleteFactoryConfiguration(String pid, boolean takeSnapshot) throws KuraException {
        try {
            Configuration c = find(pid);
            if (c != null) {
                c.delete();
            }
        } catch (Exception e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, e, "cannot delete " + pid);
        }
    }

    private Configuration find(String pid) throws KuraException {
        try {
            Configuration[] all = configAdmin.listConfigurations(null);
            if (all != null) {
                for (Configuration c : all) {
                    Dictionary<String, Object> p = c.getProperties();
                    if (p != null && pid.equals(p.get(KURA_SERVICE_PID)) && c.getFactoryPid() != null) {
                        return c;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new KuraException(KuraErrorCode.CONFIGURATION_ERROR, e, "cannot list configurations");
        }
    }

    /** The metatype defaults of a factory PID, typed as Kura types them. */
    private Map<String, Object> defaults(String factoryPid) {
        Map<String, Object> values = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            MetaTypeInformation info = metaType.getMetaTypeInformation(b);
            if (info == null || !Arrays.asList(info.getFactoryPids()).contains(factoryPid)) {
                continue;
            }
            ObjectClassDefinition ocd = info.getObjectClassDefinition(factoryPid, null);
            for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
                String[] d = ad.getDefaultValue();
                if (d == null || d.length == 0) {
                    continue;
                }
                switch (ad.getType()) {
                    case AttributeDefinition.INTEGER -> values.put(ad.getID(), Integer.valueOf(d[0]));
                    case AttributeDefinition.LONG -> values.put(ad.getID(), Long.valueOf(d[0]));
                    case AttributeDefinition.BOOLEAN -> values.put(ad.getID(), Boolean.valueOf(d[0]));
                    default -> values.put(ad.getID(), d[0]);
                }
            }
        }
        return values;
    }
}
