// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.auth;

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
}
