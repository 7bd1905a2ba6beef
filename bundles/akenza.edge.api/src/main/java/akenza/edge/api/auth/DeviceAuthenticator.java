// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.auth;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Decides whether a connecting client is admitted, and as whom.
 *
 * <p>The broker calls this for every CONNECT its own configuration does not settle (local-application
 * accounts and anonymous access are the broker's). The result may complete on another thread:
 * signature checks cost CPU and must not run on a network event loop.
 *
 * <pre>{@code
 * authenticator.authenticate(request).thenAccept(result -> {
 *     if (result instanceof AuthResult.Accepted a) { ... a.identity() ... }
 * });
 * }</pre>
 */
public interface DeviceAuthenticator {

    /**
     * @param request what the client presented
     * @return the outcome; never completes exceptionally (failures become {@link RefusalReason#UNAVAILABLE})
     */
    CompletionStage<AuthResult> authenticate(ConnectRequest request);

    /**
     * Whether an accepted identity may use a client id. A client id that names a device which authenticates
     * itself (for akenza: a device with registered JWT keys) belongs to that device alone, so no connector,
     * local application or anonymous client can occupy or take over its session. The broker asks this for
     * every accepted CONNECT, its own local accounts and anonymous clients included. May touch the file
     * system, so the broker calls it off its network threads or only for rare identities.
     *
     * @param identity the accepted identity
     * @param clientId the client id of the CONNECT
     * @return whether the identity may use it; the default allows every client id
     */
    default boolean mayUseClientId(DeviceIdentity identity, String clientId) {
        return true;
    }

    /**
     * Every password check goes through one throttle, the broker's own (local-application accounts) too: the
     * broker asks this before it checks such a password itself. Must be cheap (it runs on a network thread).
     *
     * @param request what the client presented
     * @return a refusal ({@link RefusalReason#THROTTLED}) when the claimed identity or the address failed too
     *         often; empty to go on. The default never throttles.
     */
    default Optional<AuthResult> throttle(ConnectRequest request) {
        return Optional.empty();
    }

    /**
     * Tells the throttle the outcome of a password check the broker made itself. Must be cheap.
     *
     * @param request what the client presented
     * @param result the broker's decision; a {@link RefusalReason#BAD_CREDENTIALS} refusal counts as a failure
     */
    default void passwordChecked(ConnectRequest request, AuthResult result) {
    }

    /**
     * Registers a listener told when a device's credentials are revoked or removed. The default ignores it
     * (credentials that are never revoked).
     *
     * @param listener the listener
     */
    default void addRevocationListener(RevocationListener listener) {
    }

    /** @param listener a listener registered before; no longer told */
    default void removeRevocationListener(RevocationListener listener) {
    }
}
