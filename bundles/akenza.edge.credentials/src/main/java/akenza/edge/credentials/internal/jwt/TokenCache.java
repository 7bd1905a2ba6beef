// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.jwt;

import akenza.edge.credentials.internal.keys.DeviceKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers tokens that verified, so a reconnect storm of the same devices does not redo signature checks.
 * Keyed by a SHA-256 of client id and token (the token itself is never kept), bounded (least recently used
 * entries leave first), and an entry dies with its token or when the device's key files change.
 */
public final class TokenCache {

    /**
     * A verified token.
     *
     * @param validUntil when the token stops being acceptable ({@code exp} + skew)
     * @param expiresAt the token's {@code exp}
     * @param keys the device keys it verified against
     */
    public record Entry(Instant validUntil, Instant expiresAt, DeviceKeys keys) {
    }

    private final int capacity;
    private final Clock clock;
    private final Map<String, Entry> entries;

    /**
     * @param capacity the most entries kept; 0 disables the cache
     * @param clock the time source
     */
    public TokenCache(int capacity, Clock clock) {
        this.capacity = Math.max(0, capacity);
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > TokenCache.this.capacity;
            }
        };
    }

    /**
     * @param clientId the client id the token was presented with
     * @param token the token
     * @return the cache key: base64 of SHA-256 over both
     */
    public static String keyOf(String clientId, String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(clientId.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    /**
     * @param key a key from {@link #keyOf(String, String)}
     * @param currentKeys the device's keys now; an entry made with other keys is dropped
     * @return the entry, when present, unexpired and made with the current keys
     */
    public synchronized Entry get(String key, DeviceKeys currentKeys) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (!clock.instant().isBefore(entry.validUntil) || entry.keys != currentKeys) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    /**
     * @param key a key from {@link #keyOf(String, String)}
     * @param entry what was verified
     */
    public synchronized void put(String key, Entry entry) {
        if (capacity > 0) {
            entries.put(key, entry);
        }
    }

    /** @return the number of entries */
    public synchronized int size() {
        return entries.size();
    }
}
