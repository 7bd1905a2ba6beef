// SPDX-License-Identifier: EPL-2.0
package akenza.edge.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The bundles packed into the launcher jar under {@code bundles/<feature>/}. */
final class PackedBundles {

    private PackedBundles() {
    }

    /** @return the resource names of the feature's bundles, sorted */
    static List<String> list(String feature) throws IOException {
        String prefix = "bundles/" + feature + "/";
        Path self = selfLocation();
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(self)) {
            // Run from target/classes (tests, IDE).
            Path dir = self.resolve(prefix);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.toString().endsWith(".jar")).forEach(p -> names.add(prefix + p.getFileName()));
                }
            }
        } else {
            try (JarFile jar = new JarFile(self.toFile())) {
                Enumeration<JarEntry> entries = jar.entries();
                for (JarEntry e : Collections.list(entries)) {
                    if (e.getName().startsWith(prefix) && e.getName().endsWith(".jar")) {
                        names.add(e.getName());
                    }
                }
            }
        }
        Collections.sort(names);
        return names;
    }

    static InputStream open(String resource) throws IOException {
        InputStream in = PackedBundles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing packed bundle " + resource);
        }
        return in;
    }

    private static Path selfLocation() {
        try {
            return Path.of(PackedBundles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
