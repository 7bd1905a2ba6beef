// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.auth;

/**
 * Told when a device's credentials stop being valid before they expire (keys revoked or deleted), so live
 * connections of that device can be closed at once instead of when their token expires. Registered with
 * {@link DeviceAuthenticator#addRevocationListener(RevocationListener)}; called from any thread, must return
 * quickly.
 */
@FunctionalInterface
public interface RevocationListener {

    /**
     * @param deviceId the device whose keys were revoked or removed (in whole or in part)
     */
    void revoked(String deviceId);
}
