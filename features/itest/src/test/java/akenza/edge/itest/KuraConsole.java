// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.kura.crypto.CryptoService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * What Kura 5.5's {@code ConfigurationServiceImpl} (org.eclipse.kura.core.configuration, tag KURA_5.5.0_RELEASE)
 * does with a configurable component, where it touches us, so that a test sees what Kura's web console would:
 * <ul>
 * <li>{@code addConfigurableComponent}: every {@code ConfigurableComponent} service is filed under its
 * {@code kura.service.pid}, with {@code makeString(service.pid)} (a non-String becomes its {@code toString()}) as the
 * PID its configuration is read from and written to;</li>
 * <li>{@code ComponentMetaTypeBundleTracker}/{@code registerComponentOCD}: for every active bundle, each metatype
 * PID whose {@code OSGI-INF/metatype/<pid>.xml} holds an OCD with id = PID is registered, and its configuration is
 * seeded ({@code updateWithDefaultConfiguration}: current values, {@code kura.service.pid}, missing defaults);</li>
 * <li>{@code getComponentConfiguration}: the values ConfigAdmin holds under the filed service PID, Password
 * attributes decrypted (kept as they are when decryption fails);</li>
 * <li>{@code updateConfiguration}: Password values encrypted unless they already decrypt, merged over the defaults
 * and the running values, {@code kura.service.pid} added, written under the filed service PID with Passwords as
 * their String form.</li>
 * </ul>
 * Values are typed per AD as Kura's console sends them ({@code Integer}, {@code Long}, {@code Boolean},
 * {@code String}, {@link Password}).
 */
final class KuraConsole implements AutoCloseable {

    static final String CONFIGURABLE = "org.eclipse.kura.configuration.ConfigurableComponent";
    static final String KURA_SERVICE_PID = "kura.service.pid";
    /** {@code AttributeDefinition.PASSWORD} (metatype 1.1+), missing from the compile-time API jar. */
    static final int PASSWORD = 12;

    /** A value of a Password attribute, as Kura's {@code org.eclipse.kura.configuration.Password}. */
    record Password(String value) {
        @Override
        public String toString() {
            return value;
        }
    }

    private final BundleContext context;
    private final ConfigurationAdmin configAdmin;
    private final MetaTypeService metaType;
    private final CryptoService crypto;
    private final Map<String, ObjectClassDefinition> ocds = new ConcurrentHashMap<>();
    private final Map<String, String> servicePidByPid = new ConcurrentHashMap<>();
    private final Map<String, Object> rawServicePidByPid = new ConcurrentHashMap<>();
    private ServiceTracker<Object, Object> components;
    private BundleTracker<Bundle> metaTypeBundles;

    KuraConsole(BundleContext context, ConfigurationAdmin configAdmin, MetaTypeService metaType, CryptoService crypto) {
        this.context = context;
        this.configAdmin = configAdmin;
        this.metaType = metaType;
        this.crypto = crypto;
    }

    /** Starts tracking components and metatype, as Kura's ConfigurationService does when it activates. */
    void open() {
        components = new ServiceTracker<>(context, CONFIGURABLE, new ServiceTrackerCustomizer<Object, Object>() {
            @Override
            public Object addingService(ServiceReference<Object> ref) {
                Object rawServicePid = ref.getProperty("service.pid");
                String servicePid = makeString(rawServicePid);
                String kuraPid = makeString(ref.getProperty(KURA_SERVICE_PID));
                if (servicePid != null && kuraPid != null) {
                    servicePidByPid.putIfAbsent(kuraPid, servicePid);
                    rawServicePidByPid.putIfAbsent(kuraPid, rawServicePid);
                }
                return ref;
            }

            @Override
            public void modifiedService(ServiceReference<Object> ref, Object service) {
                // Kura's DS reference is static per service: a modified service keeps its filing
            }

            @Override
            public void removedService(ServiceReference<Object> ref, Object service) {
                String kuraPid = makeString(ref.getProperty(KURA_SERVICE_PID));
                if (kuraPid != null) {
                    servicePidByPid.remove(kuraPid);
                    rawServicePidByPid.remove(kuraPid);
                }
            }
        });
        components.open();
        metaTypeBundles = new BundleTracker<>(context, Bundle.ACTIVE, new BundleTrackerCustomizer<Bundle>() {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                registerMetaType(bundle);
                return bundle;
            }

            @Override
            public void modifiedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                // nothing: Kura reads a bundle's metatype once, when it becomes active
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                // Kura forgets factory OCDs only; plain OCDs stay registered
            }
        });
        metaTypeBundles.open();
    }

    @Override
    public void close() {
        metaTypeBundles.close();
        components.close();
    }

    /** @return the PIDs (kura.service.pid) of the components filed so far */
    Set<String> pids() {
        return new TreeSet<>(servicePidByPid.keySet());
    }

    /** @return the service PID a component is filed under (what Kura reads and writes), or null */
    String servicePid(String pid) {
        return servicePidByPid.get(pid);
    }

    /** @return what is wrong with how the component is filed, or null when Kura reads and writes its own PID */
    String filingProblem(String pid) {
        Object raw = rawServicePidByPid.get(pid);
        if (raw == null) {
            return pid + ": not filed (no ConfigurableComponent service with this kura.service.pid and a service.pid)";
        }
        if (!(raw instanceof String) || !raw.equals(pid)) {
            return pid + ": service.pid is " + raw.getClass().getSimpleName() + " " + raw
                    + ", not the single String PID, so Kura reads and writes the configuration '" + makeString(raw)
                    + "'";
        }
        return null;
    }

    /** @return the component's OCD as Kura registered it, or null */
    ObjectClassDefinition ocd(String pid) {
        return ocds.get(pid);
    }

    /**
     * {@code getComponentConfiguration}: what the console shows.
     *
     * @return the values, Password attributes decrypted as {@link Password}; null when the component is not filed
     *         or ConfigAdmin holds nothing under its filed service PID (the console shows no values)
     */
    Map<String, Object> read(String pid) throws IOException {
        String servicePid = servicePidByPid.get(pid);
        ObjectClassDefinition ocd = ocds.get(pid);
        if (servicePid == null || ocd == null) {
            return null;
        }
        Dictionary<String, Object> props = configAdmin.getConfiguration(servicePid, "?").getProperties();
        if (props == null) {
            return null;
        }
        Map<String, AttributeDefinition> ads = attributes(ocd);
        Map<String, Object> values = new TreeMap<>();
        for (Enumeration<String> keys = props.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            Object value = props.get(key);
            AttributeDefinition ad = ads.get(key);
            if (ad != null && ad.getType() == PASSWORD) {
                value = new Password(decryptOrKeep(value.toString()));
            }
            values.put(key, value);
        }
        return values;
    }

    /**
     * {@code updateConfiguration}: what the console's Apply does.
     *
     * @param pid the component's kura.service.pid
     * @param changes values typed per AD; Password attributes as {@link Password} in plain text
     */
    void update(String pid, Map<String, Object> changes) throws Exception {
        String servicePid = servicePidByPid.get(pid);
        ObjectClassDefinition ocd = ocds.get(pid);
        if (servicePid == null || ocd == null) {
            // Kura logs "UpdatingConfiguration ignored as ConfigurableComponent ... is NOT tracked" and returns
            throw new IllegalStateException(pid + " is not tracked by the console");
        }
        Map<String, AttributeDefinition> ads = attributes(ocd);
        Map<String, Object> merged = new HashMap<>(defaults(ocd));
        Dictionary<String, Object> running = configAdmin.getConfiguration(servicePid, "?").getProperties();
        if (running != null) {
            for (String key : Collections.list(running.keys())) {
                merged.put(key, running.get(key));
            }
        }
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            AttributeDefinition ad = ads.get(e.getKey());
            if (ad == null) {
                throw new IllegalArgumentException(pid + " has no attribute " + e.getKey());
            }
            Object value = e.getValue();
            if (!type(ad).isInstance(value)) {
                throw new IllegalArgumentException(pid + "/" + e.getKey() + " is " + type(ad).getSimpleName()
                        + ", not " + value.getClass().getSimpleName());
            }
            merged.put(e.getKey(), value instanceof Password p ? new Password(encryptUnlessEncrypted(p.value())) : value);
        }
        merged.putIfAbsent(KURA_SERVICE_PID, pid);
        Dictionary<String, Object> dictionary = new Hashtable<>();
        merged.forEach((k, v) -> dictionary.put(k, v instanceof Password ? v.toString() : v));
        configAdmin.getConfiguration(servicePid, "?").update(dictionary);
    }

    /** @return the Java type Kura's console sends for an AD */
    static Class<?> type(AttributeDefinition ad) {
        return switch (ad.getType()) {
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            case PASSWORD -> Password.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            default -> String.class;
        };
    }

    static Map<String, AttributeDefinition> attributes(ObjectClassDefinition ocd) {
        Map<String, AttributeDefinition> ads = new TreeMap<>();
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            ads.put(ad.getID(), ad);
        }
        return ads;
    }

    private void registerMetaType(Bundle bundle) {
        MetaTypeInformation info = metaType.getMetaTypeInformation(bundle);
        if (info == null) {
            return;
        }
        for (String pid : info.getPids()) {
            // Kura reads OSGI-INF/metatype/<pid>.xml itself and takes the OCD whose id is the PID
            if (bundle.getEntry("OSGI-INF/metatype/" + pid + ".xml") == null) {
                continue;
            }
            ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
            if (ocd == null || !pid.equals(ocd.getID())) {
                continue;
            }
            ocds.put(pid, ocd);
            try {
                seed(pid, ocd);
            } catch (IOException e) {
                throw new IllegalStateException("seeding " + pid, e);
            }
        }
    }

    /** {@code updateWithDefaultConfiguration}: the running values plus kura.service.pid plus missing defaults. */
    private void seed(String pid, ObjectClassDefinition ocd) throws IOException {
        String servicePid = servicePidByPid.getOrDefault(pid, pid);
        Configuration config = configAdmin.getConfiguration(servicePid, "?");
        Map<String, Object> props = new HashMap<>();
        Dictionary<String, Object> current = config.getProperties();
        if (current != null) {
            for (String key : Collections.list(current.keys())) {
                props.put(key, current.get(key));
            }
        }
        props.putIfAbsent(KURA_SERVICE_PID, pid);
        defaults(ocd).forEach(props::putIfAbsent);
        config.update(new Hashtable<>(props));
    }

    /** {@code ComponentUtil.getDefaultProperties}: typed defaults; an empty default means no value. */
    private static Map<String, Object> defaults(ObjectClassDefinition ocd) {
        Map<String, Object> defaults = new HashMap<>();
        for (AttributeDefinition ad : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            String[] d = ad.getDefaultValue();
            if (d == null || d.length == 0 || d[0] == null || d[0].isEmpty()) {
                continue;
            }
            defaults.put(ad.getID(), parse(ad, d[0]));
        }
        return defaults;
    }

    private static Object parse(AttributeDefinition ad, String text) {
        return switch (ad.getType()) {
            case AttributeDefinition.INTEGER -> Integer.valueOf(text);
            case AttributeDefinition.LONG -> Long.valueOf(text);
            case AttributeDefinition.BOOLEAN -> Boolean.valueOf(text);
            case AttributeDefinition.DOUBLE -> Double.valueOf(text);
            case AttributeDefinition.FLOAT -> Float.valueOf(text);
            case AttributeDefinition.SHORT -> Short.valueOf(text);
            case AttributeDefinition.BYTE -> Byte.valueOf(text);
            case AttributeDefinition.CHARACTER -> text.charAt(0);
            default -> text;
        };
    }

    private String encryptUnlessEncrypted(String value) throws Exception {
        try {
            crypto.decryptAes(value.toCharArray());
            return value; // Kura's isEncrypted: it decrypts, so it is stored as it is
        } catch (Exception notEncrypted) {
            return new String(crypto.encryptAes(value.toCharArray()));
        }
    }

    private String decryptOrKeep(String value) {
        try {
            return new String(crypto.decryptAes(value.toCharArray()));
        } catch (Exception e) {
            return value; // Kura logs a warning and shows the stored value
        }
    }

    /** Kura's {@code makeString}. */
    static String makeString(Object value) {
        return value == null ? null : value.toString();
    }
}
