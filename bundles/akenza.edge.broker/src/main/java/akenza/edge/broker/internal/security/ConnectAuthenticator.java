// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.security;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.ConnectRequest;
import akenza.edge.api.auth.DeviceAuthenticator;
import akenza.edge.api.auth.DeviceIdentity;
import akenza.edge.api.auth.RefusalReason;
import akenza.edge.broker.internal.config.BrokerSettings;
import akenza.edge.broker.internal.config.BrokerSettings.LocalAccount;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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
                    return CompletableFuture.completedFuture(checkLocalAccount(account, request, delegate));
                }
            }
        }
        if (request.username() == null && !request.hasPassword() && settings.anonymousAllowed()) {
            return CompletableFuture.completedFuture(claimClientId(
                    AuthResult.accepted(DeviceIdentity.anonymous(request.clientId())), request, delegate));
        }
        if (delegate != null) {
            try {
                CompletionStage<AuthResult> stage = delegate.authenticate(request);
                if (stage == null) {
                    return unavailable();
                }
                // Runs where the authenticator completes (its worker thread), so its client id check may read files.
                return stage.handle((result, failure) -> failure != null || result == null
                        ? AuthResult.refused(RefusalReason.UNAVAILABLE, "authenticator failed")
                        : claimClientId(result, request, delegate));
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

    /**
     * Refuses an accepted identity the client id of a device that authenticates itself: such a client id, and
     * so its session, belongs to that device alone.
     */
    private static AuthResult claimClientId(AuthResult result, ConnectRequest request, DeviceAuthenticator delegate) {
        if (delegate == null || !(result instanceof AuthResult.Accepted accepted)) {
            return result;
        }
        try {
            if (delegate.mayUseClientId(accepted.identity(), request.clientId())) {
                return result;
            }
        } catch (RuntimeException e) {
            return AuthResult.refused(RefusalReason.UNAVAILABLE, "authenticator failed");
        }
        return AuthResult.refused(RefusalReason.CLIENT_ID_INVALID, "client id belongs to another device");
    }

    private static CompletionStage<AuthResult> unavailable() {
        return CompletableFuture.completedFuture(AuthResult.refused(RefusalReason.UNAVAILABLE, "authenticator failed"));
    }

    /** A local account's password passes the authenticator's throttle like every other password. */
    private static AuthResult checkLocalAccount(LocalAccount account, ConnectRequest request,
            DeviceAuthenticator delegate) {
        try {
            if (delegate != null) {
                Optional<AuthResult> throttled = delegate.throttle(request);
                if (throttled != null && throttled.isPresent()) {
                    return throttled.get();
                }
            }
            AuthResult result = checkPassword(account, request);
            if (delegate != null) {
                delegate.passwordChecked(request, result);
            }
            return claimClientId(result, request, delegate);
        } catch (RuntimeException e) {
            return AuthResult.refused(RefusalReason.UNAVAILABLE, "authenticator failed");
        }
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
