// SPDX-License-Identifier: EPL-2.0
package akenza.edge.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The api README's package table names every package the api bundle exports, at the version bnd exports it. */
class ApiReadmeTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(akenza\\.edge\\.api[\\w.]*)` \\| `([^`]*)` \\|.*");
    private static final Pattern EXPORT = Pattern.compile("([\\w.]+)(?:;[^,\"]*(?:\"[^\"]*\")?)*");
    private static final Pattern VERSION = Pattern.compile(";version=\"([^\"]+)\"");

    @Test
    void everyExportedPackageIsListedWithItsVersion() throws Exception {
        Path root = Path.of(System.getProperty("akenza.edge.root", "../..")).toRealPath();
        String version = System.getProperty("akenza.edge.version", "0.1.0-SNAPSHOT");
        Path api = root.resolve("bundles/akenza.edge.api");
        Map<String, String> exported = exports(api.resolve("target/akenza.edge.api-" + version + ".jar"));
        assertFalse(exported.isEmpty(), "the api jar exports nothing: has bnd stopped reading package-info.java?");
        Map<String, String> listed = new LinkedHashMap<>();
        for (String line : Files.readAllLines(api.resolve("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                listed.put(m.group(1), m.group(2));
            }
        }
        List<String> problems = new ArrayList<>();
        exported.forEach((pkg, v) -> {
            if (!listed.containsKey(pkg)) {
                problems.add("bundles/akenza.edge.api/README.md: add the row | `" + pkg + "` | `" + v
                        + "` | what it is for |");
            } else if (!listed.get(pkg).equals(v)) {
                problems.add("bundles/akenza.edge.api/README.md: the row of `" + pkg + "` must say version `" + v
                        + "`, not `" + listed.get(pkg) + "`");
            }
        });
        listed.keySet().stream().filter(pkg -> !exported.containsKey(pkg)).forEach(pkg -> problems.add(
                "bundles/akenza.edge.api/README.md: remove the row of `" + pkg + "`: the api does not export it"));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** @return the exported packages and their versions, from the jar's Export-Package header */
    private static Map<String, String> exports(Path jar) throws Exception {
        Map<String, String> packages = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            String header = file.getManifest().getMainAttributes().getValue("Export-Package");
            Matcher clause = EXPORT.matcher(header == null ? "" : header);
            while (clause.find()) {
                Matcher v = VERSION.matcher(clause.group());
                packages.put(clause.group(1), v.find() ? v.group(1) : "0.0.0");
            }
        }
        return packages;
    }
}
