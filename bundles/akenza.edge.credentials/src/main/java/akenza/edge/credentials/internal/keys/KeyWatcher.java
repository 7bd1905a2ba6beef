// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.keys;

import akenza.edge.api.auth.DeviceIds;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the key directory (the operating system's file notifications; the thread blocks, it does not poll)
 * and reports a device whose active keys shrank: a key file deleted, edited or a key moved to
 * {@code revoked/}. Its live connections must then close.
 */
public final class KeyWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyWatcher.class);

    private final KeyRegistry registry;
    private final Consumer<String> onRevoked;
    private final WatchService watcher;
    private final Thread thread;

    /**
     * Starts watching.
     *
     * @param registry the registry whose directory is watched and whose keys are compared
     * @param onRevoked told the id of a device that lost active keys
     * @throws IOException when the directory cannot be watched
     */
    public KeyWatcher(KeyRegistry registry, Consumer<String> onRevoked) throws IOException {
        this.registry = registry;
        this.onRevoked = onRevoked;
        this.watcher = registry.directory().getFileSystem().newWatchService();
        register(registry.directory());
        Path revoked = registry.directory().resolve(KeyRegistry.REVOKED_DIR);
        if (Files.isDirectory(revoked)) {
            register(revoked);
        }
        thread = new Thread(this::run, "akenza-credentials-key-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void register(Path dir) throws IOException {
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Path dir = (Path) key.watchable();
                Set<String> touched = new HashSet<>();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (!(event.context() instanceof Path name)) {
                        continue; // overflow: nothing to compare against
                    }
                    String file = name.toString();
                    if (file.equals(KeyRegistry.REVOKED_DIR) && dir.equals(registry.directory())) {
                        Path revoked = dir.resolve(file);
                        if (Files.isDirectory(revoked)) {
                            register(revoked);
                        }
                    } else if (file.endsWith(KeyRegistry.SUFFIX)) {
                        touched.add(file.substring(0, file.length() - KeyRegistry.SUFFIX.length()));
                    }
                }
                key.reset();
                for (String deviceId : touched) {
                    check(deviceId);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Watching key directory {} stopped: {}", registry.directory(), e.toString());
        }
    }

    private void check(String deviceId) {
        if (!DeviceIds.isValid(deviceId)) {
            return;
        }
        Set<String> before = registry.loadedActiveKids(deviceId);
        Set<String> after = new HashSet<>();
        registry.keysOf(deviceId).ifPresent(k -> k.active().forEach(r -> after.add(r.kid())));
        if (after.isEmpty() || before != null && !after.containsAll(before)) {
            onRevoked.accept(deviceId);
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("Closing the key watcher failed: {}", e.toString());
        }
    }
}
