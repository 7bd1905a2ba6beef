// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal;

import akenza.edge.credentials.internal.connector.SecretConnector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns component properties into {@link CredentialsSettings}. Tolerates what Kura and ConfigAdmin deliver
 * (Strings, Integers, Longs, Booleans, one-element arrays); a bad value falls back to its default with a
 * warning that names the property, never its value when it may be secret.
 */
public final class SettingsParser {

    /** Number of connector slots in the metatype. */
    public static final int CONNECTOR_SLOTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(SettingsParser.class);

    private SettingsParser() {
    }

    /**
     * @param properties the component properties
     * @param decrypt turns a stored Password value into the plain secret
     * @return the settings
     */
    public static CredentialsSettings parse(Map<String, ?> properties, UnaryOperator<String> decrypt) {
        CredentialsSettings d = CredentialsSettings.defaults(Path.of("."));
        String dir = string(properties, "jwt.keys.dir", "");
        Path keysDir = dir.isBlank() ? HomeDirectory.resolve().resolve("devices") : resolveAgainstHome(dir.trim());
        String audience = string(properties, "jwt.audience", CredentialsSettings.DEFAULT_AUDIENCE).trim();
        List<SecretConnector> connectors = new ArrayList<>();
        for (int i = 1; i <= CONNECTOR_SLOTS; i++) {
            String prefix = "connector." + i + ".";
            String id = string(properties, prefix + "id", "").trim();
            String stored = string(properties, prefix + "secret", "");
            if (id.isEmpty()) {
                continue;
            }
            String secret = stored.isEmpty() ? "" : decrypt.apply(stored);
            if (secret == null || secret.isEmpty()) {
                LOG.warn("Connector slot {} ({}) has no secret and is ignored", i, id);
                continue;
            }
            connectors.add(new SecretConnector(id, secret, list(string(properties, prefix + "devices", ""))));
        }
        return new CredentialsSettings(keysDir, audience.isEmpty() ? CredentialsSettings.DEFAULT_AUDIENCE : audience,
                bool(properties, "jwt.audience.required", d.audienceRequired()),
                seconds(properties, "jwt.max.lifetime", d.maxLifetime(), 60),
                seconds(properties, "jwt.clock.skew", d.clockSkew(), 0),
                bool(properties, "disconnect.on.expiry", d.disconnectOnExpiry()),
                (int) number(properties, "jwt.max.token.size", d.maxTokenSize(), 256),
                (int) number(properties, "jwt.cache.size", d.cacheSize(), 0), connectors,
                (int) number(properties, "auth.failures.max", d.failuresMax(), 0),
                seconds(properties, "auth.failures.window", d.failuresWindow(), 1),
                seconds(properties, "auth.cooldown", d.cooldown(), 1));
    }

    private static Path resolveAgainstHome(String dir) {
        Path path = Path.of(dir);
        return path.isAbsolute() ? path : HomeDirectory.resolve().resolve(path);
    }

    private static Set<String> list(String value) {
        Set<String> result = new LinkedHashSet<>();
        for (String part : value.split("[,\\s]+")) {
            if (!part.isBlank()) {
                result.add(part.trim());
            }
        }
        return result;
    }

    private static Object raw(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        if (value instanceof Object[] array) {
            return array.length == 0 ? null : array[0];
        }
        return value;
    }

    private static String string(Map<String, ?> properties, String key, String fallback) {
        Object value = raw(properties, key);
        return value == null ? fallback : value.toString();
    }

    private static boolean bool(Map<String, ?> properties, String key, boolean fallback) {
        Object value = raw(properties, key);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        return Boolean.parseBoolean(value.toString().trim());
    }

    private static long number(Map<String, ?> properties, String key, long fallback, long min) {
        Object value = raw(properties, key);
        long result;
        if (value instanceof Number n) {
            result = n.longValue();
        } else if (value == null || value.toString().isBlank()) {
            return fallback;
        } else {
            try {
                result = Long.parseLong(value.toString().trim());
            } catch (NumberFormatException e) {
                LOG.warn("Property {} is not a number; using {}", key, fallback);
                return fallback;
            }
        }
        if (result < min || result > Integer.MAX_VALUE) {
            LOG.warn("Property {} = {} is out of range; using {}", key, result, fallback);
            return fallback;
        }
        return result;
    }

    private static Duration seconds(Map<String, ?> properties, String key, Duration fallback, long min) {
        return Duration.ofSeconds(number(properties, key, fallback.toSeconds(), min));
    }
}
