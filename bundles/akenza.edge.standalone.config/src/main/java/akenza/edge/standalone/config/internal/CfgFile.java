// SPDX-License-Identifier: EPL-2.0
package akenza.edge.standalone.config.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.lang.reflect.Array;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A {@code <pid>.cfg} file of plain {@code key=value} lines, as Felix File Install reads them. Writes are
 * atomic (temporary file, fsync, rename), so a power cut or {@code kill -9} never leaves a half-written
 * configuration behind.
 */
final class CfgFile {

    /** Properties ConfigAdmin and File Install add themselves; they never belong in the file. */
    private static final Set<String> MANAGED = Set.of("service.pid", "service.factoryPid", "service.bundleLocation",
            "felix.fileinstall.filename", "component.name", "component.id");

    private CfgFile() {
    }

    /** @return the configuration as the text values File Install would give the component */
    static Map<String, String> textValues(Dictionary<String, ?> properties) {
        Map<String, String> values = new TreeMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!MANAGED.contains(key)) {
                values.put(key, text(properties.get(key)));
            }
        }
        return values;
    }

    /** @return the file's values, empty when it does not exist */
    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> values = new TreeMap<>();
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k)));
        }
        return values;
    }

    /** Replaces the file atomically with these values; owner-only, since values may be secrets. */
    static void write(Path file, Map<String, String> values) throws IOException {
        Properties p = new Properties();
        p.putAll(values);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "written by akenza Edge when the configuration changed");
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: default permissions
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof char[] chars) {
            return new String(chars);
        }
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ",").append(text(Array.get(value, i)));
            }
            return sb.toString();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(CfgFile::text).collect(Collectors.joining(","));
        }
        return value.toString();
    }
}
