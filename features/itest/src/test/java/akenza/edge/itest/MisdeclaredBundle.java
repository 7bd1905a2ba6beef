// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import akenza.edge.itest.misdeclared.MisdeclaredComponent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A bundle with one configurable component built the way ours were before issue 10: a DS 1.3 descriptor that
 * declares {@code service.pid} as a component property, next to a Kura-conformant metatype (OCD id = PID).
 */
final class MisdeclaredBundle {

    static final String PID = "akenza.edge.itest.Misdeclared";
    static final String SYMBOLIC_NAME = "akenza.edge.itest.misdeclared";

    private MisdeclaredBundle() {
    }

    /** @return the bundle's bytes */
    static InputStream open() throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Import-Package", "org.eclipse.kura.configuration;version=\"[1.2,2)\"");
        a.putValue("Service-Component", "OSGI-INF/component.xml");
        String component = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + PID + "\""
                + " configuration-policy=\"require\" immediate=\"true\">\n"
                + "  <property name=\"service.pid\" value=\"" + PID + "\"/>\n"
                + "  <service><provide interface=\"" + KuraConsole.CONFIGURABLE + "\"/></service>\n"
                + "  <implementation class=\"" + MisdeclaredComponent.class.getName() + "\"/>\n"
                + "</scr:component>\n";
        String metatype = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<metatype:MetaData xmlns:metatype=\"http://www.osgi.org/xmlns/metatype/v1.2.0\">\n"
                + "  <OCD id=\"" + PID + "\" name=\"Misdeclared\" description=\"declares service.pid\">\n"
                + "    <AD id=\"greeting\" type=\"String\" name=\"Greeting\" description=\"Any text.\" default=\"hello\"/>\n"
                + "  </OCD>\n"
                + "  <Designate pid=\"" + PID + "\"><Object ocdref=\"" + PID + "\"/></Designate>\n"
                + "</metatype:MetaData>\n";
        String classFile = MisdeclaredComponent.class.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m);
                InputStream classBytes = MisdeclaredComponent.class.getClassLoader().getResourceAsStream(classFile)) {
            put(jar, "OSGI-INF/component.xml", component.getBytes(StandardCharsets.UTF_8));
            put(jar, "OSGI-INF/metatype/" + PID + ".xml", metatype.getBytes(StandardCharsets.UTF_8));
            put(jar, classFile, classBytes.readAllBytes());
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    private static void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }
}
