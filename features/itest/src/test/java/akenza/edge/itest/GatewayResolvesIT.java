// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.MetaTypeService;

/**
 * Installs both features into Kura 5.5's platform (Equinox 3.16, SCR 2.1.16, Equinox cm/metatype/event, Felix
 * Deployment Admin 0.9.5, slf4j on log4j 2) and checks that everything
 * resolves, starts and is satisfied; and that the check itself catches a broken bundle.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GatewayResolvesIT {

    @Inject
    private BundleContext context;

    /** @return Equinox with both features */
    @Configuration
    public Option[] config() {
        return options(Features.gateway());
    }

    @Test
    public void runsOnKuraFrameworkVersions() {
        assertEquals("org.eclipse.osgi", context.getBundle(0).getSymbolicName());
        assertTrue("Equinox 3.16 as on Kura 5.5, was " + context.getBundle(0).getVersion(),
                context.getBundle(0).getVersion().toString().startsWith("3.16.0"));
        Bundle scr = find("org.apache.felix.scr");
        assertNotNull("Felix SCR installed", scr);
        assertEquals(2, scr.getVersion().getMajor());
        assertEquals(1, scr.getVersion().getMinor());
        assertEquals(16, scr.getVersion().getMicro());
    }

    /** Kura 5.5's own ConfigAdmin, Metatype, EventAdmin, Deployment Admin and logging, not Felix's look-alikes. */
    @Test
    public void runsOnKura55PlatformBundles() {
        Map<String, String> kura = new TreeMap<>(Map.of("org.eclipse.equinox.cm", "1.4.400",
                "org.eclipse.equinox.metatype", "1.5.300", "org.eclipse.equinox.event", "1.5.500",
                "org.apache.felix.deploymentadmin", "0.9.5", "org.apache.felix.dependencymanager", "3.0.0",
                "org.apache.felix.gogo.runtime", "1.1.0", "org.eclipse.equinox.console", "1.4.200",
                "slf4j.api", "1.7.36", "org.apache.logging.log4j.slf4j.impl", "2.23.1",
                "io.netty.codec-mqtt", "4.1.95"));
        for (Map.Entry<String, String> e : kura.entrySet()) {
            Bundle b = find(e.getKey());
            assertNotNull(e.getKey() + " installed", b);
            assertTrue(e.getKey() + " at Kura's " + e.getValue() + ", was " + b.getVersion(),
                    b.getVersion().toString().startsWith(e.getValue()));
        }
        for (String notKuras : List.of("org.apache.felix.configadmin", "org.apache.felix.metatype",
                "org.apache.felix.eventadmin", "slf4j.simple")) {
            assertNull(notKuras + " is not on Kura 5.5", find(notKuras));
        }
        assertEquals("org.eclipse.equinox.cm", providerOf(ConfigurationAdmin.class));
        assertEquals("org.eclipse.equinox.metatype", providerOf(MetaTypeService.class));
        for (String ours : List.of("akenza.edge.broker", "akenza.edge.uplink")) {
            assertEquals(ours + " logs through Kura's slf4j", "slf4j.api", packageProvider(find(ours), "org.slf4j"));
        }
    }

    private String providerOf(Class<?> service) {
        ServiceReference<?> ref = context.getServiceReference(service.getName());
        assertNotNull(service.getSimpleName() + " registered", ref);
        return ref.getBundle().getSymbolicName();
    }

    private static String packageProvider(Bundle bundle, String pkg) {
        for (BundleWire w : bundle.adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            if (pkg.equals(w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))) {
                return w.getProvider().getBundle().getSymbolicName();
            }
        }
        return null;
    }

    @Test
    public void everyBundleOfBothFeaturesIsInstalled() {
        for (String feature : List.of(Features.KURA_PLATFORM, Features.AKENZA_EDGE)) {
            assertFalse(Features.bundleFiles(feature).isEmpty());
        }
        assertNotNull("api bundle installed", find("akenza.edge.api"));
        assertNotNull("kura stand-in installed", find("akenza.edge.kura.standin"));
    }

    @Test
    public void everyBundleResolvesAndStartsAndEveryComponentIsSatisfied() {
        List<String> problems = FrameworkHealth.problems(context);
        assertTrue("framework problems: " + problems, problems.isEmpty());
    }

    @Test
    public void healthCheckCatchesABrokenImport() throws Exception {
        Bundle broken = context.installBundle("memory:broken", brokenBundle());
        try {
            List<String> problems = FrameworkHealth.problems(context);
            assertTrue("the check must report the broken bundle: " + problems,
                    problems.stream().anyMatch(p -> p.contains("akenza.edge.itest.broken")));
        } finally {
            broken.uninstall();
        }
        assertTrue(FrameworkHealth.problems(context).isEmpty());
    }

    private Bundle find(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** A bundle importing a package nobody exports: it must stay unresolved. */
    private static InputStream brokenBundle() throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "akenza.edge.itest.broken");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", "akenza.edge.does.not.exist;version=\"[1.0,2)\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.flush();
        }
        return new ByteArrayInputStream(out.toByteArray());
    }
}
