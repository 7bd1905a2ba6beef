// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.ConnectRequest;
import akenza.edge.api.auth.DeviceAuthenticator;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.auth.RefusalReason;
import akenza.edge.broker.internal.config.BrokerSettings;
import akenza.edge.broker.internal.config.BrokerSettings.LocalAccount;

/**
 * Decides a CONNECT: the broker's own local-application accounts first, then anonymous access, then the
 * {@link DeviceAuthenticator}; with none of them applicable the client is not authorized.
 */
public final class ConnectAuthenticator {

    private ConnectAuthenticator() {
    }

    /**
     * @param request what the client presented
     * @param settings the current settings (accounts, anonymous access)
     * @param delegate the device authenticator, or {@code null}
     * @return the outcome; never completes exceptionally
     */
    public static CompletionStage<AuthResult> authenticate(ConnectRequest request, BrokerSettings settings,
            DeviceAuthenticator delegate) {
        return authenticate(request, settings, delegate, false);
    }

    /**
     * @param request what the client presented
     * @param settings the current settings (accounts, anonymous access)
     * @param delegate the device authenticator, or {@code null}
     * @param starting whether the broker is still starting: a missing authenticator may yet arrive, so the
     *        client is told the server is unavailable (retry) instead of not authorized
     * @return the outcome; never completes exceptionally
     */
    public static CompletionStage<AuthResult> authenticate(ConnectRequest request, BrokerSettings settings,
            DeviceAuthenticator delegate, boolean starting) {
        if (request.username() != null) {
            for (LocalAccount account : settings.localAccounts()) {
                if (account.name().equals(request.username())) {
                    return CompletableFuture.completedFuture(checkPassword(account, request));
                }
            }
        }
        if (request.username() == null && !request.hasPassword() && settings.anonymousAllowed()) {
            return CompletableFuture.completedFuture(AuthResult.accepted(DeviceIdentity.anonymous(request.clientId())));
        }
        if (delegate != null) {
            try {
                CompletionStage<AuthResult> stage = delegate.authenticate(request);
                if (stage == null) {
                    return unavailable();
                }
                return stage.handle((result, failure) -> failure != null || result == null
                        ? AuthResult.refused(RefusalReason.UNAVAILABLE, "authenticator failed")
                        : result);
            } catch (RuntimeException e) {
                return unavailable();
            }
        }
        if (starting) {
            return CompletableFuture.completedFuture(
                    AuthResult.refused(RefusalReason.UNAVAILABLE, "authentication is starting, retry"));
        }
        return CompletableFuture.completedFuture(
                AuthResult.refused(RefusalReason.NOT_AUTHORIZED, "no authentication applies to this client"));
    }

    private static CompletionStage<AuthResult> unavailable() {
        return CompletableFuture.completedFuture(AuthResult.refused(RefusalReason.UNAVAILABLE, "authenticator failed"));
    }

    private static AuthResult checkPassword(LocalAccount account, ConnectRequest request) {
        byte[] expected = account.password().getBytes(StandardCharsets.UTF_8);
        byte[] given = request.password();
        // MessageDigest.isEqual compares in time independent of where the bytes differ.
        if (given != null && MessageDigest.isEqual(expected, given)) {
            return AuthResult.accepted(DeviceIdentity.localApplication(account.name()));
        }
        return AuthResult.refused(RefusalReason.BAD_CREDENTIALS, "wrong password for local account");
    }
}
