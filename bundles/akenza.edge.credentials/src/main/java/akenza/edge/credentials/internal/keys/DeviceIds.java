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

    private static final String FORBIDDEN = "/\\:*?\"<>|";

    private DeviceIds() {
    }

    /**
     * @param deviceId a candidate device id, may be {@code null}
     * @return whether it is non-empty, not too long, does not start with a dot and holds no path separator,
     *         control character, space or character Windows forbids in file names
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
     * @return the text cut to 64 characters with control characters replaced, safe to put in a log line
     */
    public static String forLog(String deviceId) {
        if (deviceId == null) {
            return "null";
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
