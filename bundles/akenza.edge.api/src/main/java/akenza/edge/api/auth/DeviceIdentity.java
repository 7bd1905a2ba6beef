// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who an accepted client is.
 *
 * @param id the device id for {@link AuthMethod#JWT}; the connector id for {@link AuthMethod#CONNECTOR_SECRET};
 *        the account name for {@link AuthMethod#LOCAL_APPLICATION}; the client id for {@link AuthMethod#ANONYMOUS}
 * @param method how the client authenticated
 * @param connector the connector, for {@link AuthMethod#CONNECTOR_SECRET}; otherwise {@code null}
 * @param expiresAt when the credential stops being valid (a JWT's {@code exp}), or {@code null} when it does not expire
 */
public record DeviceIdentity(String id, AuthMethod method, Connector connector, Instant expiresAt) {

    /** Checks that a connector identity has its connector. */
    public DeviceIdentity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        if (method == AuthMethod.CONNECTOR_SECRET && connector == null) {
            throw new IllegalArgumentException("a connector identity needs its connector");
        }
    }

    /**
     * @param deviceId the device id
     * @param expiresAt the token's expiry
     * @return a JWT device identity
     */
    public static DeviceIdentity jwt(String deviceId, Instant expiresAt) {
        return new DeviceIdentity(deviceId, AuthMethod.JWT, null, expiresAt);
    }

    /**
     * @param connector the connector the client proved it holds
     * @return a connector identity
     */
    public static DeviceIdentity connector(Connector connector) {
        return new DeviceIdentity(connector.id(), AuthMethod.CONNECTOR_SECRET, connector, null);
    }

    /**
     * @param account the local-application account name
     * @return a local-application identity
     */
    public static DeviceIdentity localApplication(String account) {
        return new DeviceIdentity(account, AuthMethod.LOCAL_APPLICATION, null, null);
    }

    /**
     * @param clientId the client id
     * @return an anonymous identity
     */
    public static DeviceIdentity anonymous(String clientId) {
        return new DeviceIdentity(clientId, AuthMethod.ANONYMOUS, null, null);
    }

    /**
     * Whether another identity is the same principal: same method and same id (a JWT device with a renewed
     * token is the same device; a connector is the same whichever of its clients connects). Sessions belong
     * to the principal that created them.
     *
     * @param other another identity, may be {@code null}
     * @return whether both name the same principal
     */
    public boolean sameAs(DeviceIdentity other) {
        return other != null && method == other.method && id.equals(other.id);
    }

    /** @return the connector id, when the client authenticated with a connector secret */
    public Optional<String> connectorId() {
        return connector == null ? Optional.empty() : Optional.of(connector.id());
    }

    /** @return the credential expiry, when there is one */
    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    @Override
    public String toString() {
        return method + ":" + akenza.edge.api.log.LogText.of(id);
    }
}
