// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Kura shows a component in its web console only when its service provides
 * {@code org.eclipse.kura.configuration.ConfigurableComponent}, gets {@code service.pid} as one String (from
 * its configuration: the component must not declare it), and its metatype file is
 * {@code OSGI-INF/metatype/<pid>.xml} with OCD id = PID. This checks every DS component we ship against
 * those rules, plus the attribute rules Kura's console relies on.
 */
public class KuraConsoleRulesIT {

    private static final Set<String> EXPECTED_PIDS = Set.of("akenza.edge.broker.MqttBroker",
            "akenza.edge.credentials.DeviceCredentials", "akenza.edge.topics.TopicPolicy",
            "akenza.edge.uplink.Forwarder");

    @Test
    public void everyAkenzaComponentFollowsKurasConsoleRules() throws Exception {
        Set<String> found = new TreeSet<>();
        List<String> violations = new ArrayList<>();
        for (Path jar : Features.bundleFiles(Features.AKENZA_EDGE)) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                for (JarEntry e : Collections.list(jf.entries())) {
                    if (e.getName().matches("OSGI-INF/[^/]+\\.xml")) {
                        Element component = parse(jf, e.getName()).getDocumentElement();
                        // Factory components (the Kura cloud connection's) follow Kura's factory rules: KuraCloudConnectionIT.
                        if ("require".equals(component.getAttribute("configuration-policy"))
                                && !isFactory(jf, component.getAttribute("name"))) {
                            String pid = component.getAttribute("name");
                            found.add(pid);
                            violations.addAll(check(jf, component, pid));
                        }
                    }
                }
            }
        }
        assertEquals("configurable components shipped", EXPECTED_PIDS, found);
        assertTrue("Kura console rule violations:\n" + String.join("\n", violations), violations.isEmpty());
    }

    /**
     * Not only the configurable ones: no DS 1.3+ component we ship may declare service.pid. The Kura cloud
     * connection's publisher and subscriber must, as Kura's own do, because Kura's Cloud Connections page lists a
     * publisher/subscriber type by the service.pid of its component description; they are DS 1.1 descriptors, where
     * SCR 2.1.16 replaces it with the configuration's PID (no list). KuraCloudConnectionIT checks that at run time.
     */
    @Test
    public void noShippedComponentDeclaresServicePid() throws Exception {
        List<String> offenders = new ArrayList<>();
        int components = 0;
        for (Path jar : Features.bundleFiles(Features.AKENZA_EDGE)) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                for (JarEntry e : Collections.list(jf.entries())) {
                    if (e.getName().matches("OSGI-INF/[^/]+\\.xml")) {
                        Element component = parse(jf, e.getName()).getDocumentElement();
                        components++;
                        if (propertyValue(component, "service.pid") != null && isDs13OrLater(component)) {
                            offenders.add(jar.getFileName() + "!" + e.getName());
                        }
                    }
                }
            }
        }
        assertTrue("no DS component descriptors found", components >= EXPECTED_PIDS.size());
        assertTrue("DS descriptors declaring service.pid: " + offenders, offenders.isEmpty());
    }

    private static List<String> check(JarFile jar, Element component, String pid) throws Exception {
        List<String> v = new ArrayList<>();
        if (!pid.equals(component.getAttribute("configuration-pid"))) {
            v.add(pid + ": configuration-pid differs from the component name");
        }
        // A component that provides services is delayed unless immediate: SCR would never activate the broker
        // (nothing would listen) until some bundle asked for its service.
        if (!"true".equals(component.getAttribute("immediate"))) {
            v.add(pid + ": not immediate (a delayed component only runs once someone uses its service)");
        }
        if (!providesConfigurableComponent(component)) {
            v.add(pid + ": does not provide org.eclipse.kura.configuration.ConfigurableComponent");
        }
        // A declared service.pid becomes a List [pid, pid] on the service once a configuration exists (SCR 2.1.16,
        // DS 1.3+), and Kura 5.5's ConfigurationService then files the component under "[pid, pid]".
        if (propertyValue(component, "service.pid") != null) {
            v.add(pid + ": declares service.pid (the PID must come from the configuration only)");
        }
        JarEntry metatype = jar.getJarEntry("OSGI-INF/metatype/" + pid + ".xml");
        if (metatype == null) {
            v.add(pid + ": no OSGI-INF/metatype/" + pid + ".xml");
            return v;
        }
        Document doc = parse(jar, metatype.getName());
        String ns = doc.getDocumentElement().getNamespaceURI();
        if (!"http://www.osgi.org/xmlns/metatype/v1.2.0".equals(ns)) {
            v.add(pid + ": metatype namespace " + ns + " is not v1.2.0");
        }
        NodeList ocds = doc.getElementsByTagName("OCD");
        if (ocds.getLength() != 1 || !pid.equals(((Element) ocds.item(0)).getAttribute("id"))) {
            v.add(pid + ": the metatype must hold one OCD whose id is the PID");
        }
        NodeList designates = doc.getElementsByTagName("Designate");
        if (designates.getLength() != 1 || !pid.equals(((Element) designates.item(0)).getAttribute("pid"))) {
            v.add(pid + ": the Designate pid must be the PID");
        }
        NodeList ads = doc.getElementsByTagName("AD");
        assertNotNull(ads);
        if (ads.getLength() == 0) {
            v.add(pid + ": no attributes");
        }
        for (int i = 0; i < ads.getLength(); i++) {
            Element ad = (Element) ads.item(i);
            String id = ad.getAttribute("id");
            String type = ad.getAttribute("type");
            if (type.isEmpty()) {
                v.add(pid + "/" + id + ": no type");
            }
            if (ad.getAttribute("name").isEmpty() || ad.getAttribute("description").isEmpty()) {
                v.add(pid + "/" + id + ": no name or description");
            }
            // Kura reads a missing 'required' as true: an attribute that may stay empty must say required="false",
            // or Kura's console refuses to save the form.
            boolean required = !"false".equals(ad.getAttribute("required"));
            if (required && ad.hasAttribute("default") && ad.getAttribute("default").isEmpty()) {
                v.add(pid + "/" + id + ": empty default but required (Kura's form could not be saved)");
            }
            if (id.matches(".*(secret|password).*") && !"Password".equals(type)) {
                v.add(pid + "/" + id + ": a secret must have type Password, has " + type);
            }
        }
        return v;
    }

    /** SCR 2.1.16 merges a declared service.pid into a list only for DS 1.3+ descriptors (isDS13). */
    private static boolean isDs13OrLater(Element component) {
        String ns = component.getNamespaceURI();
        return ns == null || !ns.matches("http://www\\.osgi\\.org/xmlns/scr/v1\\.[012]\\.0");
    }

    private static boolean isFactory(JarFile jar, String pid) throws Exception {
        JarEntry metatype = jar.getJarEntry("OSGI-INF/metatype/" + pid + ".xml");
        if (metatype == null) {
            return false;
        }
        NodeList designates = parse(jar, metatype.getName()).getElementsByTagName("Designate");
        return designates.getLength() == 1 && !((Element) designates.item(0)).getAttribute("factoryPid").isEmpty();
    }

    private static boolean providesConfigurableComponent(Element component) {
        NodeList provides = component.getElementsByTagName("provide");
        for (int i = 0; i < provides.getLength(); i++) {
            if ("org.eclipse.kura.configuration.ConfigurableComponent"
                    .equals(((Element) provides.item(i)).getAttribute("interface"))) {
                return true;
            }
        }
        return false;
    }

    private static String propertyValue(Element component, String name) {
        NodeList props = component.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element p = (Element) props.item(i);
            if (name.equals(p.getAttribute("name"))) {
                return p.getAttribute("value");
            }
        }
        return null;
    }

    private static Document parse(JarFile jar, String entry) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        try (InputStream in = jar.getInputStream(jar.getJarEntry(entry))) {
            return f.newDocumentBuilder().parse(in);
        } catch (IOException e) {
            throw new IOException(jar.getName() + "!" + entry, e);
        }
    }
}
