// SPDX-License-Identifier: EPL-2.0
package akenza.edge.standalone.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

class ConfigFilesTest {

    @TempDir
    Path dir;

    private final ConfigStore store = new ConfigStore();

    @Test
    void theFilesPresentAtStartAreAppliedBeforeItReturns() throws Exception {
        Files.writeString(dir.resolve("akenza.edge.broker.MqttBroker.cfg"), "max.connections=7\ntcp.port=1884\n");
        Files.writeString(dir.resolve("notes.txt"), "not a configuration");
        try (ConfigFiles files = new ConfigFiles(dir, store.admin())) {
            assertEquals(Map.of("max.connections", "7", "tcp.port", "1884"),
                    store.values("akenza.edge.broker.MqttBroker"));
            assertEquals(1, store.size(), "only .cfg files are configurations");
        }
    }

    @Test
    void aCreatedChangedOrDeletedFileIsAppliedWithoutPolling() throws Exception {
        try (ConfigFiles files = new ConfigFiles(dir, store.admin())) {
            Files.writeString(dir.resolve("a.cfg"), "x=1\n");
            await(() -> Map.of("x", "1").equals(store.values("a")));
            Files.writeString(dir.resolve("a.cfg"), "x=2\ny=secret\n");
            await(() -> Map.of("x", "2", "y", "secret").equals(store.values("a")));
            Files.delete(dir.resolve("a.cfg"));
            await(() -> store.values("a") == null);
        }
    }

    @Test
    void theSameValuesWrittenBackDoNotUpdateTheConfigurationAgain() throws Exception {
        Files.writeString(dir.resolve("a.cfg"), "x=1\n");
        try (ConfigFiles files = new ConfigFiles(dir, store.admin())) {
            assertEquals(1, store.updates("a"));
            // What the console's write-back does: the same values, rewritten atomically.
            CfgFile.write(dir.resolve("a.cfg"), Map.of("x", "1"));
            // A later edit elsewhere is applied after the rewrite was seen.
            Files.writeString(dir.resolve("b.cfg"), "y=1\n");
            await(() -> store.values("b") != null);
            assertEquals(1, store.updates("a"), "unchanged values are not applied again");
        }
    }

    @Test
    void closingEndsTheWatchingThread() throws Exception {
        ConfigFiles files = new ConfigFiles(dir, store.admin());
        assertTrue(watching(), "a thread watches the directory");
        files.close();
        assertFalse(watching(), "close ends it");
    }

    private static boolean watching() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("akenza-config-files") && t.isAlive());
    }

    private static void await(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(condition);
    }

    /**
     * ConfigurationAdmin as ConfigFiles sees it, with Equinox CM's observable behaviour for these calls: one
     * configuration object per PID, no properties until the first update, properties handed out as copies with
     * {@code service.pid} added, a delete forgets them.
     */
    private static final class ConfigStore {
        private final Map<String, Hashtable<String, Object>> configs = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> updates = new ConcurrentHashMap<>();

        ConfigurationAdmin admin() {
            return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConfiguration") && args.length == 2) {
                            return configuration((String) args[0]);
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        private Configuration configuration(String pid) {
            return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Configuration.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "getProperties": {
                                Hashtable<String, Object> p = configs.get(pid);
                                return p == null ? null : new Hashtable<>(p);
                            }
                            case "update": {
                                if (args == null) {
                                    return null;
                                }
                                Hashtable<String, Object> p = new Hashtable<>();
                                Dictionary<?, ?> d = (Dictionary<?, ?>) args[0];
                                for (var keys = d.keys(); keys.hasMoreElements();) {
                                    Object k = keys.nextElement();
                                    p.put((String) k, d.get(k));
                                }
                                p.put("service.pid", pid);
                                configs.put(pid, p);
                                updates.computeIfAbsent(pid, k -> new AtomicInteger()).incrementAndGet();
                                return null;
                            }
                            case "delete":
                                configs.remove(pid);
                                return null;
                            case "getPid":
                                return pid;
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }

        /** @return the configuration's values without service.pid, or null when it has none */
        Map<String, String> values(String pid) {
            Hashtable<String, Object> p = configs.get(pid);
            return p == null ? null : CfgFile.textValues(p);
        }

        int updates(String pid) {
            AtomicInteger n = updates.get(pid);
            return n == null ? 0 : n.get();
        }

        int size() {
            return configs.size();
        }
    }
}
