// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The broker's effective settings, already validated. Built from the component configuration by
 * {@code SettingsParser}; tests build it directly with {@link #defaults()} and the {@code with...} copies.
 *
 * @param tcpEnabled whether the plain TCP listener runs
 * @param tcpPort its port (0 = any free port, for tests)
 * @param tlsEnabled whether the TLS listener runs
 * @param tlsPort its port (0 = any free port, for tests)
 * @param bindAddress the address both listeners bind to ("0.0.0.0" = all)
 * @param tlsCertPath PEM certificate chain, or {@code null} for the self-signed certificate under {@code home}
 * @param tlsKeyPath PEM private key, or {@code null} for the self-signed key under {@code home}
 * @param home the home directory (generated TLS material lives in {@code home/tls})
 * @param maxConnections connections served at once; more are refused
 * @param maxPacketSize largest packet accepted, in bytes (also announced to MQTT 5 clients)
 * @param maxInflight receive maximum: unacknowledged QoS 1/2 messages per client in each direction
 * @param maxQueuedMessages messages queued per session while offline or over the inflight window
 * @param maxSessionExpirySeconds longest session expiry granted to MQTT 5 clients; also how long 3.1.1
 *        persistent sessions are kept
 * @param connectTimeoutSeconds how long a socket may stay open without sending CONNECT
 * @param maxKeepAliveSeconds longest keep alive granted to MQTT 5 clients (0 = accept the client's value);
 *        MQTT 3.1/3.1.1 clients always keep their own value, as they cannot be told another
 * @param maxSubscriptionsPerClient subscriptions per client
 * @param maxTopicLength longest topic name or filter, in UTF-8 bytes
 * @param maxTopicAliases topic alias maximum announced to MQTT 5 clients (0 = none)
 * @param anonymousAllowed whether clients without credentials are admitted (subject to the ACL)
 * @param localAccounts local-application accounts (name and plain password)
 * @param aclRules the ACL rule text: rules separated by newlines or commas,
 *        each {@code allow|deny publish|subscribe|all <topic filter>}, first match wins
 * @param disconnectOnCredentialExpiry whether a session is closed when its credential expires
 * @param limits bounds on sessions, retained messages and pre-authentication CONNECT size
 */
public record BrokerSettings(boolean tcpEnabled, int tcpPort, boolean tlsEnabled, int tlsPort, String bindAddress,
        Path tlsCertPath, Path tlsKeyPath, Path home, int maxConnections, int maxPacketSize, int maxInflight,
        int maxQueuedMessages, long maxSessionExpirySeconds, int connectTimeoutSeconds, int maxKeepAliveSeconds,
        int maxSubscriptionsPerClient, int maxTopicLength, int maxTopicAliases, boolean anonymousAllowed,
        List<LocalAccount> localAccounts, String aclRules, boolean disconnectOnCredentialExpiry,
        ResourceLimits limits) {

    /**
     * A local-application account. {@link #toString()} hides the password.
     *
     * @param name the user name
     * @param password the password (plain, already decrypted)
     */
    public record LocalAccount(String name, String password) {
        /** Checks both parts are present. */
        public LocalAccount {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "LocalAccount[" + name + "]";
        }
    }

    /** Validates and copies. */
    public BrokerSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(home, "home");
        localAccounts = List.copyOf(localAccounts);
        aclRules = aclRules == null ? "" : aclRules;
        limits = limits == null ? ResourceLimits.defaults() : limits;
    }

    /** @return the defaults of the metatype: TCP 1883, TLS 8883, no anonymous access, ACL {@code allow all #} */
    public static BrokerSettings defaults() {
        return new BrokerSettings(true, 1883, true, 8883, "0.0.0.0", null, null, Path.of("data"), 1000,
                268_435_455, 32, 1000, 86_400, 10, 0, 100, 1024, 16, false, List.of(), "allow all #", true,
                ResourceLimits.defaults());
    }

    /**
     * @param tcpPort TCP port
     * @param tlsPort TLS port
     * @return a copy listening on other ports (0 = any free port)
     */
    public BrokerSettings withPorts(int tcpPort, int tlsPort) {
        return new BrokerSettings(tcpEnabled, tcpPort, tlsEnabled, tlsPort, bindAddress, tlsCertPath, tlsKeyPath,
                home, maxConnections, maxPacketSize, maxInflight, maxQueuedMessages, maxSessionExpirySeconds,
                connectTimeoutSeconds, maxKeepAliveSeconds, maxSubscriptionsPerClient, maxTopicLength, maxTopicAliases,
                anonymousAllowed, localAccounts, aclRules, disconnectOnCredentialExpiry, limits);
    }

    /**
     * @param anonymous whether anonymous clients are admitted
     * @param acl the ACL rule text
     * @return a copy with other access rules
     */
    public BrokerSettings withAccess(boolean anonymous, String acl) {
        return new BrokerSettings(tcpEnabled, tcpPort, tlsEnabled, tlsPort, bindAddress, tlsCertPath, tlsKeyPath,
                home, maxConnections, maxPacketSize, maxInflight, maxQueuedMessages, maxSessionExpirySeconds,
                connectTimeoutSeconds, maxKeepAliveSeconds, maxSubscriptionsPerClient, maxTopicLength, maxTopicAliases,
                anonymous, localAccounts, acl, disconnectOnCredentialExpiry, limits);
    }

    /**
     * @param home the home directory
     * @return a copy with another home directory
     */
    public BrokerSettings withHome(Path home) {
        return new BrokerSettings(tcpEnabled, tcpPort, tlsEnabled, tlsPort, bindAddress, tlsCertPath, tlsKeyPath,
                home, maxConnections, maxPacketSize, maxInflight, maxQueuedMessages, maxSessionExpirySeconds,
                connectTimeoutSeconds, maxKeepAliveSeconds, maxSubscriptionsPerClient, maxTopicLength, maxTopicAliases,
                anonymousAllowed, localAccounts, aclRules, disconnectOnCredentialExpiry, limits);
    }
}
