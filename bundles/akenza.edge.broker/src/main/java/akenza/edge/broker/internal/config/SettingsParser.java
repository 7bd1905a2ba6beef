// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.config;

import akenza.edge.broker.internal.acl.Acl;
import akenza.edge.broker.internal.config.BrokerSettings.LocalAccount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns the component's properties (names as in {@link BrokerConfig}) into validated {@link BrokerSettings}.
 * Absent properties take the defaults of {@link BrokerSettings#defaults()}; unknown ones (such as
 * {@code service.pid}) are ignored.
 *
 * <pre>
 * BrokerSettings s = SettingsParser.parse(properties, cipher -&gt; decryptOrPlain(cipher));
 * </pre>
 */
public final class SettingsParser {

    /** Property names (see {@link BrokerConfig} for their meaning). */
    public static final String TCP_ENABLED = "tcp.enabled";
    public static final String TCP_PORT = "tcp.port";
    public static final String TLS_ENABLED = "tls.enabled";
    public static final String TLS_PORT = "tls.port";
    public static final String BIND_ADDRESS = "bind.address";
    public static final String TLS_CERT_PATH = "tls.cert.path";
    public static final String TLS_KEY_PATH = "tls.key.path";
    public static final String HOME_DIR = "home.dir";
    public static final String MAX_CONNECTIONS = "max.connections";
    public static final String MAX_PACKET_SIZE = "max.packet.size";
    public static final String MAX_INFLIGHT = "max.inflight";
    public static final String MAX_QUEUED_MESSAGES = "max.queued.messages";
    public static final String MAX_SESSION_EXPIRY = "max.session.expiry";
    public static final String CONNECT_TIMEOUT = "connect.timeout";
    public static final String MAX_KEEP_ALIVE = "max.keep.alive";
    public static final String MAX_SUBSCRIPTIONS_PER_CLIENT = "max.subscriptions.per.client";
    public static final String MAX_TOPIC_LENGTH = "max.topic.length";
    public static final String MAX_TOPIC_ALIASES = "max.topic.aliases";
    public static final String DISCONNECT_ON_CREDENTIAL_EXPIRY = "disconnect.on.credential.expiry";
    public static final String MAX_CONNECT_SIZE = "max.connect.size";
    public static final String MAX_SESSIONS = "max.sessions";
    public static final String MAX_SESSIONS_PER_IDENTITY = "max.sessions.per.identity";
    public static final String MAX_RETAINED_MESSAGES = "max.retained.messages";
    public static final String MAX_RETAINED_BYTES = "max.retained.bytes";
    public static final String MAX_RETAINED_MESSAGES_PER_IDENTITY = "max.retained.messages.per.identity";
    public static final String MAX_RETAINED_BYTES_PER_IDENTITY = "max.retained.bytes.per.identity";
    public static final String ANONYMOUS_ALLOWED = "anonymous.allowed";
    public static final String ACL = "acl";
    /** Number of local-application account slots ({@code local.account.<n>.name/password}, n = 1..3). */
    public static final int LOCAL_ACCOUNT_SLOTS = 3;

    private SettingsParser() {
    }

    /**
     * @param n slot number, 1 to {@link #LOCAL_ACCOUNT_SLOTS}
     * @return the property holding that slot's user name
     */
    public static String localAccountName(int n) {
        return "local.account." + n + ".name";
    }

    /**
     * @param n slot number, 1 to {@link #LOCAL_ACCOUNT_SLOTS}
     * @return the property holding that slot's password
     */
    public static String localAccountPassword(int n) {
        return "local.account." + n + ".password";
    }

    /**
     * @param properties the component properties (may be {@code null}: all defaults)
     * @param decrypt turns a stored password (AES ciphertext on Kura) into plain text; when it fails or returns
     *        {@code null}, the stored value is used as it is
     * @return the validated settings
     * @throws IllegalArgumentException naming the offending property and what to change; never a password
     */
    public static BrokerSettings parse(Map<String, ?> properties, UnaryOperator<String> decrypt) {
        return parse(properties, decrypt, System::getProperty);
    }

    /**
     * @param properties the component properties
     * @param decrypt password decryption
     * @param systemProperties system property lookup, for the home rule
     * @return the validated settings
     */
    static BrokerSettings parse(Map<String, ?> properties, UnaryOperator<String> decrypt,
            UnaryOperator<String> systemProperties) {
        BrokerSettings d = BrokerSettings.defaults();
        ConfigValues v = new ConfigValues(properties);

        boolean tcpEnabled = v.bool(TCP_ENABLED, d.tcpEnabled());
        int tcpPort = v.integer(TCP_PORT, d.tcpPort(), 0, 65_535);
        boolean tlsEnabled = v.bool(TLS_ENABLED, d.tlsEnabled());
        int tlsPort = v.integer(TLS_PORT, d.tlsPort(), 0, 65_535);
        if (tcpEnabled && tlsEnabled && tcpPort != 0 && tcpPort == tlsPort) {
            throw new IllegalArgumentException(TCP_PORT + " and " + TLS_PORT + " must differ (both are " + tcpPort
                    + "); or switch one listener off");
        }
        String bindAddress = v.string(BIND_ADDRESS, d.bindAddress());
        if (bindAddress.isEmpty() || bindAddress.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(BIND_ADDRESS + " must be one IP address or host name, "
                    + "e.g. 0.0.0.0 for all interfaces, not '" + bindAddress + "'");
        }

        Path home = HomeDirectory.resolve(v.string(HOME_DIR, ""), systemProperties);
        Path certPath = optionalPath(v, TLS_CERT_PATH, home);
        Path keyPath = optionalPath(v, TLS_KEY_PATH, home);
        if ((certPath == null) != (keyPath == null)) {
            throw new IllegalArgumentException("set both " + TLS_CERT_PATH + " and " + TLS_KEY_PATH
                    + ", or leave both empty to use the self-signed certificate");
        }

        return new BrokerSettings(tcpEnabled, tcpPort, tlsEnabled, tlsPort, bindAddress, certPath, keyPath, home,
                v.integer(MAX_CONNECTIONS, d.maxConnections(), 1, 100_000),
                v.integer(MAX_PACKET_SIZE, d.maxPacketSize(), 128, 268_435_455),
                v.integer(MAX_INFLIGHT, d.maxInflight(), 1, 65_535),
                v.integer(MAX_QUEUED_MESSAGES, d.maxQueuedMessages(), 0, 1_000_000),
                v.number(MAX_SESSION_EXPIRY, d.maxSessionExpirySeconds(), 0, 4_294_967_295L),
                v.integer(CONNECT_TIMEOUT, d.connectTimeoutSeconds(), 1, 3_600),
                v.integer(MAX_KEEP_ALIVE, d.maxKeepAliveSeconds(), 0, 65_535),
                v.integer(MAX_SUBSCRIPTIONS_PER_CLIENT, d.maxSubscriptionsPerClient(), 1, 100_000),
                v.integer(MAX_TOPIC_LENGTH, d.maxTopicLength(), 1, 65_535),
                v.integer(MAX_TOPIC_ALIASES, d.maxTopicAliases(), 0, 65_535),
                v.bool(ANONYMOUS_ALLOWED, d.anonymousAllowed()),
                localAccounts(v, decrypt),
                acl(v, d.aclRules()),
                v.bool(DISCONNECT_ON_CREDENTIAL_EXPIRY, d.disconnectOnCredentialExpiry()),
                new ResourceLimits(
                        v.integer(MAX_CONNECT_SIZE, d.limits().maxConnectSize(), 128, 268_435_455),
                        v.integer(MAX_SESSIONS, d.limits().maxSessions(), 0, 10_000_000),
                        v.integer(MAX_SESSIONS_PER_IDENTITY, d.limits().maxSessionsPerIdentity(), 0, 10_000_000),
                        v.integer(MAX_RETAINED_MESSAGES, d.limits().maxRetainedMessages(), 0, 10_000_000),
                        v.number(MAX_RETAINED_BYTES, d.limits().maxRetainedBytes(), 0, Long.MAX_VALUE),
                        v.integer(MAX_RETAINED_MESSAGES_PER_IDENTITY, d.limits().maxRetainedMessagesPerIdentity(), 0,
                                10_000_000),
                        v.number(MAX_RETAINED_BYTES_PER_IDENTITY, d.limits().maxRetainedBytesPerIdentity(), 0,
                                Long.MAX_VALUE)));
    }

    /** Relative paths are taken from the home directory, so a Kura user can write just a file name. */
    private static Path optionalPath(ConfigValues v, String key, Path home) {
        String value = v.string(key, "");
        return value.isEmpty() ? null : home.resolve(HomeDirectory.path(key, value));
    }

    private static List<LocalAccount> localAccounts(ConfigValues v, UnaryOperator<String> decrypt) {
        List<LocalAccount> accounts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int n = 1; n <= LOCAL_ACCOUNT_SLOTS; n++) {
            String name = v.string(localAccountName(n), "");
            if (name.isEmpty()) {
                continue; // unused slot; a password left there is ignored
            }
            String password = decrypted(v.secret(localAccountPassword(n)), decrypt);
            if (password.isEmpty()) {
                throw new IllegalArgumentException(localAccountPassword(n) + " must be set for local application '"
                        + name + "' (or clear " + localAccountName(n) + ")");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(localAccountName(n) + ": local application '" + name
                        + "' is configured twice; user names must differ");
            }
            accounts.add(new LocalAccount(name, password));
        }
        return accounts;
    }

    /** Falls back to the stored value, as Kura's own components do, when decryption is not possible. */
    private static String decrypted(String stored, UnaryOperator<String> decrypt) {
        if (stored.isEmpty() || decrypt == null) {
            return stored;
        }
        try {
            String plain = decrypt.apply(stored);
            return plain == null ? stored : plain;
        } catch (RuntimeException e) {
            return stored;
        }
    }

    private static String acl(ConfigValues v, String def) {
        String rules = v.lines(ACL, def);
        try {
            Acl.parse(rules);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ACL + ": " + e.getMessage(), e);
        }
        return rules;
    }
}
