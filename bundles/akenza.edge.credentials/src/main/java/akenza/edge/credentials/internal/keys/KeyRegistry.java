// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.keys;

import akenza.edge.api.auth.DeviceIds;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device key directory: {@code <dir>/<deviceId>.pem} holds a device's active keys,
 * {@code <dir>/revoked/<deviceId>.pem} the keys an operator revoked.
 *
 * <p>A lookup checks the modification time and size of the device's two files (two {@code stat} calls) and
 * re-reads a file only when they changed, so edits are picked up without a restart and without scanning the
 * directory on every connect. A bad file is reported through {@link #problems()} and the log and affects
 * only its own device.
 */
public final class KeyRegistry {

    /** Sub-directory holding revoked keys. */
    public static final String REVOKED_DIR = "revoked";
    /** Suffix of key files. */
    public static final String SUFFIX = ".pem";

    private static final Logger LOG = LoggerFactory.getLogger(KeyRegistry.class);

    /**
     * File systems stamp modification times with a coarse clock (a few milliseconds), so a file rewritten
     * twice within one tick with the same size looks unchanged. A file modified this recently is therefore
     * re-read on every lookup until its stamp is older (the "racy git" rule).
     */
    private static final long RACY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private record Stamp(long modifiedNanos, long size, Object fileKey) {
        boolean isRacy() {
            long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            return now - modifiedNanos < RACY_NANOS;
        }
    }

    private record Loaded(Stamp activeStamp, Stamp revokedStamp, DeviceKeys keys) {
    }

    /** How long {@link #hasKeyFiles} trusts that a device had no key files. */
    static final long NO_FILES_TRUSTED_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The most device ids remembered without key files; beyond that the memory starts afresh. */
    static final int NO_FILES_REMEMBERED = 4096;

    private final Path dir;
    private final LongSupplier nanoTime;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    /** Device ids found without key files, and when ({@link #nanoTime}). */
    private final Map<String, Long> withoutFiles = new ConcurrentHashMap<>();

    /** @param dir the key directory; it need not exist yet */
    public KeyRegistry(Path dir) {
        this(dir, System::nanoTime);
    }

    KeyRegistry(Path dir, LongSupplier nanoTime) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        this.nanoTime = nanoTime;
    }

    /** @return the key directory */
    public Path directory() {
        return dir;
    }

    /**
     * @param deviceId a device id, already checked with {@link DeviceIds#isValid(String)}
     * @return the file holding the device's active keys
     */
    public Path activeFile(String deviceId) {
        return dir.resolve(requireSafe(deviceId) + SUFFIX);
    }

    /**
     * @param deviceId a device id, already checked with {@link DeviceIds#isValid(String)}
     * @return the file holding the device's revoked keys
     */
    public Path revokedFile(String deviceId) {
        return dir.resolve(REVOKED_DIR).resolve(requireSafe(deviceId) + SUFFIX);
    }

    /**
     * Whether a device has key files, for a connector's devices, asked on every PUBLISH: a device found without
     * files is believed to have none for {@link #NO_FILES_TRUSTED_NANOS} (two {@code stat} calls saved per
     * message). A key file added meanwhile counts at once once {@link #keysOf} looked at the device (a JWT
     * connect, the key watcher's notification, the console), else within that second.
     *
     * @param deviceId any device id
     * @return whether the device has an active or revoked key file
     */
    public boolean hasKeyFiles(String deviceId) {
        Long seen = withoutFiles.get(deviceId);
        if (seen != null && nanoTime.getAsLong() - seen < NO_FILES_TRUSTED_NANOS) {
            return false;
        }
        return keysOf(deviceId).isPresent();
    }

    /**
     * @param deviceId any device id; unsafe ids are refused without touching the file system
     * @return the device's current keys, or empty when it has no key file (or an unsafe id)
     */
    public Optional<DeviceKeys> keysOf(String deviceId) {
        if (!DeviceIds.isValid(deviceId)) {
            return Optional.empty();
        }
        Path activeFile = activeFile(deviceId);
        Path revokedFile = revokedFile(deviceId);
        // Most lookups are for devices without key files (a connector's devices, on every PUBLISH): answer
        // them with two plain existence checks; Files.readAttributes would throw and catch an exception each.
        boolean noFiles = !activeFile.toFile().exists() && !revokedFile.toFile().exists();
        Stamp activeStamp = noFiles ? null : stamp(activeFile);
        Stamp revokedStamp = noFiles ? null : stamp(revokedFile);
        if (activeStamp == null && revokedStamp == null) {
            if (loaded.remove(deviceId) != null) {
                LOG.info("Key files of device {} removed", deviceId);
            }
            problems.remove(fileName(deviceId, false));
            problems.remove(fileName(deviceId, true));
            rememberWithoutFiles(deviceId);
            return Optional.empty();
        }
        withoutFiles.remove(deviceId);
        Loaded current = loaded.get(deviceId);
        boolean sameStamps = current != null && Objects.equals(current.activeStamp, activeStamp)
                && Objects.equals(current.revokedStamp, revokedStamp);
        boolean racy = (activeStamp != null && activeStamp.isRacy())
                || (revokedStamp != null && revokedStamp.isRacy());
        if (sameStamps && !racy) {
            return Optional.of(current.keys);
        }
        // Two threads may both reload the same device; both results are equal, the last one wins.
        DeviceKeys keys = new DeviceKeys(deviceId, load(deviceId, false, activeStamp),
                load(deviceId, true, revokedStamp));
        if (current != null && sameKeys(current.keys, keys)) {
            // Same content: keep the instance, so what was verified against it stays valid.
            keys = current.keys;
        }
        loaded.put(deviceId, new Loaded(activeStamp, revokedStamp, keys));
        if (current != null && keys != current.keys) {
            LOG.info("Key files of device {} changed: {} active, {} revoked key(s)", deviceId, keys.active().size(),
                    keys.revoked().size());
        }
        return Optional.of(keys);
    }

    /** @return how many device ids are remembered without key files (bounded) */
    int rememberedWithoutFiles() {
        return withoutFiles.size();
    }

    private void rememberWithoutFiles(String deviceId) {
        if (withoutFiles.size() >= NO_FILES_REMEMBERED) {
            withoutFiles.clear(); // many ids (a hostile connector?): bounded, at the price of a few stat calls
        }
        withoutFiles.put(deviceId, nanoTime.getAsLong());
    }

    /**
     * @param deviceId a device id
     * @return the kids of the device's active keys as last loaded (no file access), or {@code null} when its
     *         keys were never loaded
     */
    public Set<String> loadedActiveKids(String deviceId) {
        Loaded current = loaded.get(deviceId);
        return current == null ? null : new HashSet<>(kids(current.keys.active()));
    }

    /**
     * Reads every key file of the directory (for the operator's listing and the status): costly, never
     * called per connection.
     *
     * @return every device with a key file, by id
     */
    public List<DeviceKeys> scan() {
        TreeSet<String> ids = new TreeSet<>();
        collectIds(dir, ids);
        collectIds(dir.resolve(REVOKED_DIR), ids);
        List<DeviceKeys> result = new ArrayList<>();
        for (String id : ids) {
            keysOf(id).ifPresent(result::add);
        }
        return result;
    }

    /** @return problems of the key files read so far, by file name relative to the key directory */
    public Map<String, String> problems() {
        return new TreeMap<>(problems);
    }

    private void collectIds(Path folder, TreeSet<String> ids) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - SUFFIX.length());
                if (DeviceIds.isValid(id)) {
                    ids.add(id);
                } else {
                    problems.put(name, "file name is not a valid device id");
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot list key directory {}: {}", folder, e.toString());
        }
    }

    private List<RegisteredKey> load(String deviceId, boolean revoked, Stamp stamp) {
        String name = fileName(deviceId, revoked);
        if (stamp == null) {
            problems.remove(name);
            return List.of();
        }
        Path file = revoked ? revokedFile(deviceId) : activeFile(deviceId);
        PemKeyReader.Result result;
        try {
            result = PemKeyReader.read(file);
        } catch (IOException e) {
            result = new PemKeyReader.Result(List.of(), List.of("unreadable (" + e.getClass().getSimpleName() + ")"));
        }
        if (result.problems().isEmpty()) {
            problems.remove(name);
        } else {
            String text = String.join("; ", result.problems());
            if (!text.equals(problems.put(name, text))) {
                LOG.warn("Key file {} of device {}: {} ({} usable key(s))", file, deviceId, text,
                        result.keys().size());
            }
        }
        return result.keys();
    }

    private static boolean sameKeys(DeviceKeys a, DeviceKeys b) {
        return kids(a.active()).equals(kids(b.active())) && kids(a.revoked()).equals(kids(b.revoked()));
    }

    private static List<String> kids(List<RegisteredKey> keys) {
        List<String> kids = new ArrayList<>(keys.size());
        for (RegisteredKey key : keys) {
            kids.add(key.kid());
        }
        return kids;
    }

    private static String fileName(String deviceId, boolean revoked) {
        return (revoked ? REVOKED_DIR + "/" : "") + deviceId + SUFFIX;
    }

    private static Stamp stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return null;
            }
            return new Stamp(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    attributes.size(), attributes.fileKey());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("Cannot read attributes of key file {}: {}", file, e.toString());
            return null;
        }
    }

    private static String requireSafe(String deviceId) {
        if (!DeviceIds.isValid(deviceId)) {
            throw new IllegalArgumentException("not a valid device id");
        }
        return deviceId;
    }
}
