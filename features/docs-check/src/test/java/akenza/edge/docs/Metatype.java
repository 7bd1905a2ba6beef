// SPDX-License-Identifier: EPL-2.0
package akenza.edge.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The metatype of a bundle jar as Kura's console reads it: every {@code OSGI-INF/metatype/*.xml}, whether bnd
 * wrote it from the {@code @ObjectClassDefinition} annotations or it was written by hand.
 */
final class Metatype {

    /** Kura's console hint appended to a description ("|TextArea" = multi-line box); the console does not show it. */
    private static final String TEXT_AREA_HINT = "|TextArea";

    /** One configuration: the PID (or factory PID) it is designated for, its name and its attributes. */
    record Ocd(String pid, String name, String bundle, List<Attribute> attributes) {
    }

    /** One attribute definition: the property as Kura's console shows it. */
    record Attribute(String id, String type, String defaultValue, String description) {
    }

    private Metatype() {
    }

    /**
     * @param jar a bundle jar
     * @return the configurations it designates, in the order of their files
     */
    static List<Ocd> read(Path jar) throws Exception {
        List<Ocd> ocds = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<JarEntry> entries = file.stream()
                    .filter(e -> e.getName().startsWith("OSGI-INF/metatype/") && e.getName().endsWith(".xml"))
                    .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
            for (JarEntry entry : entries) {
                try (InputStream in = file.getInputStream(entry)) {
                    ocds.addAll(parse(in, jar.getFileName().toString()));
                }
            }
        }
        return ocds;
    }

    private static List<Ocd> parse(InputStream in, String bundle) throws IOException, Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(in);
        List<Ocd> ocds = new ArrayList<>();
        NodeList designates = doc.getElementsByTagNameNS("*", "Designate");
        for (int i = 0; i < designates.getLength(); i++) {
            Element designate = (Element) designates.item(i);
            String pid = designate.getAttribute("factoryPid").isEmpty() ? designate.getAttribute("pid")
                    : designate.getAttribute("factoryPid");
            Element object = (Element) designate.getElementsByTagNameNS("*", "Object").item(0);
            Element ocd = ocd(doc, object.getAttribute("ocdref"));
            List<Attribute> attributes = new ArrayList<>();
            NodeList ads = ocd.getElementsByTagNameNS("*", "AD");
            for (int j = 0; j < ads.getLength(); j++) {
                Element ad = (Element) ads.item(j);
                String description = ad.getAttribute("description");
                if (description.endsWith(TEXT_AREA_HINT)) {
                    description = description.substring(0, description.length() - TEXT_AREA_HINT.length());
                }
                attributes.add(new Attribute(ad.getAttribute("id"), ad.getAttribute("type"), ad.getAttribute("default"),
                        description));
            }
            ocds.add(new Ocd(pid, ocd.getAttribute("name"), bundle, attributes));
        }
        return ocds;
    }

    private static Element ocd(Document doc, String id) {
        NodeList ocds = doc.getElementsByTagNameNS("*", "OCD");
        for (int i = 0; i < ocds.getLength(); i++) {
            Element ocd = (Element) ocds.item(i);
            if (ocd.getAttribute("id").equals(id)) {
                return ocd;
            }
        }
        throw new IllegalStateException("no OCD " + id);
    }
}
