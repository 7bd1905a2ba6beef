// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundle's README documents every property of the metatype, with its default. */
class BrokerReadmeTest {

    @Test
    void everyPropertyIsInTheConfigurationTable() throws Exception {
        String readme = Files.readString(Path.of("README.md")); // Surefire runs in the module directory
        for (Method m : BrokerConfig.class.getDeclaredMethods()) {
            Object def = m.getDefaultValue();
            if (def == null) {
                continue;
            }
            String name = m.getName().replace('_', '.').replaceFirst("local\\.account\\.\\d", "local.account.1");
            String shownDefault = def.toString().isEmpty() ? "empty" : "`" + def + "`";
            assertTrue(readme.contains("| `" + name + "`"), name + " missing from the README's table");
            assertTrue(readme.lines().anyMatch(l -> l.startsWith("| `" + name + "`") && l.contains(shownDefault)),
                    name + " has no row showing its default " + shownDefault);
        }
    }
}
