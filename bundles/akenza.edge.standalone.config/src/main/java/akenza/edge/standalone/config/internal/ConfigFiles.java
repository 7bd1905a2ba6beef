// SPDX-License-Identifier: EPL-2.0
package akenza.edge.standalone.config.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ConfigurationAdmin in step with a directory of {@code <pid>.cfg} files: all of them at start, then each
 * one as it is created, changed or deleted. The directory is watched (inotify on Linux), not scanned: an idle
 * gateway does no work for it, and an edit applies at once. A configuration is updated only when the file's
 * values differ from its own, so the write-back of a console edit ({@link ConfigWriteBack}) does not come
 * round again.
 */
final class ConfigFiles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigFiles.class);
    private static final String SUFFIX = ".cfg";
    /** Editors write a file in several steps: events are gathered until the directory is quiet this long. */
    private static final long SETTLE_MILLIS = 200;

    private final Path dir;
    private final ConfigurationAdmin admin;
    private final WatchService watcher;
    private final Thread thread;

    /**
     * Applies every file in {@code dir} now, then watches it on a thread of its own.
     *
     * @param dir the configuration directory
     * @param admin where configurations go
     * @throws IOException when the directory cannot be watched
     */
    ConfigFiles(Path dir, ConfigurationAdmin admin) throws IOException {
        this.dir = dir;
        this.admin = admin;
        this.watcher = dir.getFileSystem().newWatchService();
        // Registered before the first reading: an edit in between is seen again, never missed.
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        pidsOnDisk().forEach(this::apply);
        this.thread = new Thread(this::watch, "akenza-config-files");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private static String pid(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    private void watch() {
        try {
            while (true) {
                Set<String> changed = new TreeSet<>();
                WatchKey key = watcher.take();
                while (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.context() instanceof Path p && p.getFileName().toString().endsWith(SUFFIX)) {
                            changed.add(pid(p));
                        } else if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                            changed.addAll(pidsOnDisk());
                        }
                    }
                    key.reset();
                    key = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
                }
                changed.forEach(this::apply);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the component is going away
        }
    }

    private Set<String> pidsOnDisk() {
        Set<String> pids = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            files.forEach(f -> pids.add(pid(f)));
        } catch (IOException e) {
            LOG.warn("Cannot list {}: {}", dir, e.toString());
        }
        return pids;
    }

    /** Makes the configuration of {@code pid} what its file says; a deleted file deletes it. */
    void apply(String pid) {
        Path file = dir.resolve(pid + SUFFIX);
        try {
            Configuration config = admin.getConfiguration(pid, "?");
            Dictionary<String, Object> current = config.getProperties();
            if (!Files.exists(file)) {
                if (current != null) {
                    config.delete();
                    LOG.info("Configuration {} deleted: its file is gone", pid);
                }
                return;
            }
            Map<String, String> values = CfgFile.read(file);
            if (current != null && CfgFile.textValues(current).equals(values)) {
                return;
            }
            config.update(new Hashtable<>(values));
            LOG.info("Configuration {} applied from {}", pid, file);
        } catch (IOException | RuntimeException e) {
            // The value may hold a secret: the exception's type and message only, never the file's content.
            LOG.warn("Cannot apply {}: {}", file, e.toString());
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("Closing the watch of {}: {}", dir, e.toString());
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
