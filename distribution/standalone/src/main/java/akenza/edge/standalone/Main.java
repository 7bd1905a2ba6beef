// SPDX-License-Identifier: EPL-2.0
package akenza.edge.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The jar's entry point. Equinox must be loaded from its own jar (it reads its manifest to describe the
 * system bundle), so this class extracts the packed framework jar and runs {@link Launcher} in a class
 * loader holding that jar and this one. It references no OSGi type itself.
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args passed on to {@link Launcher}
     * @throws Exception when the launcher cannot be started
     */
    public static void main(String[] args) throws Exception {
        Path self = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // One extracted copy per launcher jar, reused across starts: a kill -9 leaves nothing new behind.
        Path equinox = Path.of(System.getProperty("java.io.tmpdir"),
                "akenza-edge-equinox-" + Long.toHexString(Files.size(self) ^ Files.getLastModifiedTime(self).toMillis())
                        + ".jar");
        if (!Files.exists(equinox)) {
            Path part = Files.createTempFile(equinox.getParent(), "akenza-edge-equinox", ".part");
            try (InputStream in = Main.class.getClassLoader().getResourceAsStream("lib/org.eclipse.osgi.jar")) {
                if (in == null) {
                    throw new IOException("the framework jar is missing from this launcher");
                }
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(part, equinox, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {equinox.toUri().toURL(), self.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        try {
            loader.loadClass("akenza.edge.standalone.Launcher").getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
