// SPDX-License-Identifier: EPL-2.0
package akenza.edge.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The root README's configuration tables are the one place where every property is documented for a Kura user;
 * they must say what Kura's console shows, which is the metatype bnd generated into each bundle jar. Every
 * failure names the README line to add, replace or remove.
 */
class ConfigurationTablesTest {

    private static Path root;
    private static List<Path> bundleDirs;
    private static List<Metatype.Ocd> ocds;
    private static Map<String, ReadmeTables.Section> sections;

    @BeforeAll
    static void readMetatypeAndReadme() throws Exception {
        root = Path.of(System.getProperty("akenza.edge.root", "../..")).toRealPath();
        String version = System.getProperty("akenza.edge.version", "0.1.0-SNAPSHOT");
        try (Stream<Path> dirs = Files.list(root.resolve("bundles"))) {
            bundleDirs = dirs.filter(ConfigurationTablesTest::buildsAJar).sorted().toList();
        }
        ocds = new ArrayList<>();
        for (Path dir : bundleDirs) {
            Path jar = jarOf(dir, version);
            if (Files.exists(jar)) {
                ocds.addAll(Metatype.read(jar));
            }
        }
        sections = ReadmeTables.parse(Files.readString(root.resolve("README.md")));
    }

    @Test
    void everyBundleIsBuiltBeforeItsMetatypeIsChecked() throws IOException {
        String version = System.getProperty("akenza.edge.version", "0.1.0-SNAPSHOT");
        List<String> problems = new ArrayList<>();
        for (Path dir : bundleDirs) {
            if (!Files.exists(jarOf(dir, version))) {
                problems.add(root.relativize(jarOf(dir, version)) + " is missing: add " + dir.getFileName()
                        + " as a test dependency of features/docs-check (so the reactor builds it first) and run mvn verify");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(ocds.stream().anyMatch(o -> o.pid().equals("akenza.edge.broker.MqttBroker")),
                "no metatype for akenza.edge.broker.MqttBroker in the bundle jars: has bnd stopped generating it?");
    }

    @Test
    void everyConfigurablePidHasASectionNamedAsInKurasConsole() {
        List<String> problems = new ArrayList<>();
        for (Metatype.Ocd ocd : ocds) {
            String heading = "### `" + ocd.pid() + "` (" + ocd.name() + ")";
            ReadmeTables.Section section = sections.get(ocd.pid());
            if (section == null) {
                StringBuilder add = new StringBuilder("README.md, section Configure: add (" + ocd.bundle() + ")\n\n"
                        + heading + "\n\n" + ReadmeTables.HEADER + "\n|---|---|---|---|\n");
                ocd.attributes().forEach(a -> add.append(ReadmeTables.rowFor(a)).append('\n'));
                problems.add(add.toString());
            } else if (!section.name().equals(ocd.name())) {
                problems.add("README.md: the heading of " + ocd.pid() + " must read\n" + heading);
            }
        }
        for (String pid : sections.keySet()) {
            if (ocds.stream().noneMatch(o -> o.pid().equals(pid))) {
                problems.add("README.md: remove the section ### `" + pid + "`: no bundle has metatype for it");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyPropertyHasARowWithItsTypeDefaultAndDescription() {
        List<String> problems = new ArrayList<>();
        for (Metatype.Ocd ocd : ocds) {
            ReadmeTables.Section section = sections.get(ocd.pid());
            if (section == null) {
                continue; // reported by everyConfigurablePidHasASectionNamedAsInKurasConsole
            }
            String where = "README.md, section ### `" + ocd.pid() + "`: ";
            String previous = null;
            for (Metatype.Attribute a : ocd.attributes()) {
                ReadmeTables.Row row = section.rows().get(a.id());
                String expected = ReadmeTables.rowFor(a);
                if (row == null) {
                    problems.add(where + "add " + (previous == null ? "as first row" : "after the row of `" + previous + "`")
                            + "\n" + expected);
                } else if (!row.type().equals(a.type())
                        || !row.defaultValue().equals(ReadmeTables.shownDefault(a.defaultValue()))
                        || !row.meaning().contains(a.description())) {
                    problems.add(where + "the row of `" + a.id() + "` differs from the metatype (type " + a.type()
                            + ", default " + ReadmeTables.shownDefault(a.defaultValue())
                            + ", meaning containing the description); replace\n" + row.line() + "\nwith\n" + expected);
                }
                previous = a.id();
            }
            for (String property : section.rows().keySet()) {
                if (ocd.attributes().stream().noneMatch(a -> a.id().equals(property))) {
                    problems.add(where + "remove the row of `" + property + "`: " + ocd.bundle()
                            + " has no such property");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static boolean buildsAJar(Path dir) {
        try {
            Path pom = dir.resolve("pom.xml");
            return Files.exists(pom) && !Files.readString(pom).contains("<packaging>pom</packaging>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the module's jar (named after its artifact id, usually the folder's name), or a path that does not exist */
    private static Path jarOf(Path bundleDir, String version) throws IOException {
        Path target = bundleDir.resolve("target");
        Path byName = target.resolve(bundleDir.getFileName() + "-" + version + ".jar");
        if (Files.exists(byName) || !Files.isDirectory(target)) {
            return byName;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-" + version + ".jar")).findFirst()
                    .orElse(byName);
        }
    }
}
