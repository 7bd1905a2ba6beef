// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.keys;

/**
 * Decides whether a device id may name a key file. Ids come from the network (MQTT client ids, token
 * claims), so anything that could leave the key directory or confuse a file system is refused before a
 * path is built from it.
 */
public final class DeviceIds {

    /** Longest device id accepted; file systems allow 255 bytes per name, minus the ".pem" suffix. */
    public static final int MAX_LENGTH = 200;

    // ":" stays allowed: MAC-style device ids (aa:bb:cc:...) are common and fine on Linux file systems.
    private static final String FORBIDDEN = "/\\*?\"<>|";

    private DeviceIds() {
    }

    /**
     * @param deviceId a candidate device id, may be {@code null}
     * @return whether it is non-empty, not too long, does not start with a dot and holds no path separator,
     *         control character, space, wildcard, quote, angle bracket or pipe
     */
    public static boolean isSafe(String deviceId) {
        if (deviceId == null || deviceId.isEmpty() || deviceId.length() > MAX_LENGTH || deviceId.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < deviceId.length(); i++) {
            char c = deviceId.charAt(i);
            if (c <= 0x20 || c == 0x7f || FORBIDDEN.indexOf(c) >= 0 || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param deviceId any text from the network
     * @return the text cut to 64 characters with control characters replaced, safe to put in a log line; a
     *         client id that looks like a JWT (a device that swapped its fields) is masked entirely
     */
    public static String forLog(String deviceId) {
        if (deviceId == null) {
            return "null";
        }
        if (deviceId.startsWith("eyJ") && deviceId.chars().filter(c -> c == '.').count() == 2) {
            return "****(JWT-like id)";
        }
        String cut = deviceId.length() > 64 ? deviceId.substring(0, 64) + "..." : deviceId;
        StringBuilder sb = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.toString();
    }
}
