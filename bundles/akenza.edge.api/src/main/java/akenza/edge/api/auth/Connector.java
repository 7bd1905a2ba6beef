// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.auth;

/**
 * An uplink-secret connector as the credentials component knows it.
 *
 * <p>Identities carry this handle instead of a copy of the secret, so a topic policy can check
 * {@code /up/<secret>/id/<deviceId>} in constant time. Implementations must never put the secret in
 * {@link Object#toString()}.
 */
public interface Connector {

    /** @return the connector id (the MQTT user name devices use); not secret */
    String id();

    /**
     * Compares a candidate with this connector's secret in constant time.
     *
     * @param candidate the text to check, for example a topic level
     * @return whether it equals the secret
     */
    boolean secretMatches(CharSequence candidate);

    /**
     * @param deviceId a device id
     * @return whether this connector may speak for that device (true for every id when no allow-list is set)
     */
    boolean allowsDevice(String deviceId);

    /**
     * The secret itself, needed only to build local topics that contain it (downlinks to devices that
     * subscribed with the secret in their filter). Never log it.
     *
     * @return the secret
     */
    String secret();
}
