// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.keys;

/**
 * Decides whether a device id may name a key file. Ids come from the network (MQTT client ids, token
 * claims), so anything that could leave the key directory or confuse a file system is refused before a
 * path is built from it. The rule is the api's one device-id rule, which topics and provisioning use too.
 */
public final class DeviceIds {

    /** Longest device id accepted. */
    public static final int MAX_LENGTH = akenza.edge.api.auth.DeviceIds.MAX_LENGTH;

    private DeviceIds() {
    }

    /**
     * @param deviceId a candidate device id, may be {@code null}
     * @return whether it is valid by {@link akenza.edge.api.auth.DeviceIds#isValid(String)}: non-empty, not too
     *         long, not starting with a dot, without path separators, wildcards, whitespace or control characters
     */
    public static boolean isSafe(String deviceId) {
        return akenza.edge.api.auth.DeviceIds.isValid(deviceId);
    }
}
