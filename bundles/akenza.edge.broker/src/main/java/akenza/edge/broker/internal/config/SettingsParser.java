// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.config;

import akenza.edge.api.log.LogText;
import akenza.edge.broker.internal.acl.Acl;
import akenza.edge.broker.internal.config.BrokerSettings.LocalAccount;
import akenza.edge.common.config.ConfigReader;
import akenza.edge.common.home.HomeDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns the component's properties (names as in {@link BrokerConfig}) into validated {@link BrokerSettings}.
 * Absent properties take the defaults of {@link BrokerSettings#defaults()}; unknown ones (such as
 * {@code service.pid}) are ignored; bad ones take their defaults and are recorded in the reader's problems.
 *
 * <pre>
 * ConfigReader reader = new ConfigReader(properties);
 * BrokerSettings s = SettingsParser.parse(reader, cipher -&gt; decryptOrPlain(cipher));
 * ConfigStatus.log(LOG, PID, reader.problems());
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
    /** What a broken ACL is replaced by. */
    static final String DENY_ALL = "deny all #";
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
     * @param r the component properties; bad values are replaced by their defaults and recorded as its problems
     * @param decrypt turns a stored password (AES ciphertext on Kura) into plain text; when it fails or returns
     *        {@code null}, the stored value is used as it is
     * @return the settings
     */
    public static BrokerSettings parse(ConfigReader r, UnaryOperator<String> decrypt) {
        return parse(r, decrypt, System::getProperty);
    }

    /**
     * @param r the component properties
     * @param decrypt password decryption
     * @param systemProperties system property lookup, for the home rule
     * @return the settings
     */
    static BrokerSettings parse(ConfigReader r, UnaryOperator<String> decrypt, UnaryOperator<String> systemProperties) {
        BrokerSettings d = BrokerSettings.defaults();

        boolean tcpEnabled = r.bool(TCP_ENABLED, d.tcpEnabled());
        int tcpPort = r.integer(TCP_PORT, d.tcpPort(), 0, 65_535);
        boolean tlsEnabled = r.bool(TLS_ENABLED, d.tlsEnabled());
        int tlsPort = r.integer(TLS_PORT, d.tlsPort(), 0, 65_535);
        if (tcpEnabled && tlsEnabled && tcpPort != 0 && tcpPort == tlsPort) {
            int rejected = tlsPort;
            tlsPort = d.tlsPort() != tcpPort ? d.tlsPort() : d.tcpPort();
            r.reject(TLS_PORT, rejected, "must differ from " + TCP_PORT + " (" + tcpPort + "); using " + tlsPort);
        }
        String bindAddress = r.string(BIND_ADDRESS, d.bindAddress(),
                a -> a.chars().noneMatch(Character::isWhitespace),
                "one IP address or host name, e.g. 0.0.0.0 for all interfaces");

        Path configuredHome = r.path(HOME_DIR);
        Path home = configuredHome != null ? configuredHome : HomeDirectory.resolve(systemProperties);
        Path certPath = optionalPath(r, TLS_CERT_PATH, home);
        Path keyPath = optionalPath(r, TLS_KEY_PATH, home);
        if ((certPath == null) != (keyPath == null)) {
            String missing = certPath == null ? TLS_CERT_PATH : TLS_KEY_PATH;
            String set = certPath == null ? TLS_KEY_PATH : TLS_CERT_PATH;
            r.reject(set, (certPath == null ? keyPath : certPath).toString(), "needs " + missing
                    + " as well; using the self-signed certificate (set both, or leave both empty)");
            certPath = null;
            keyPath = null;
        }

        return new BrokerSettings(tcpEnabled, tcpPort, tlsEnabled, tlsPort, bindAddress, certPath, keyPath, home,
                r.integer(MAX_CONNECTIONS, d.maxConnections(), 1, 100_000),
                r.integer(MAX_PACKET_SIZE, d.maxPacketSize(), 128, 268_435_455),
                r.integer(MAX_INFLIGHT, d.maxInflight(), 1, 65_535),
                r.integer(MAX_QUEUED_MESSAGES, d.maxQueuedMessages(), 0, 1_000_000),
                r.number(MAX_SESSION_EXPIRY, d.maxSessionExpirySeconds(), 0, 4_294_967_295L),
                r.integer(CONNECT_TIMEOUT, d.connectTimeoutSeconds(), 1, 3_600),
                r.integer(MAX_KEEP_ALIVE, d.maxKeepAliveSeconds(), 0, 65_535),
                r.integer(MAX_SUBSCRIPTIONS_PER_CLIENT, d.maxSubscriptionsPerClient(), 1, 100_000),
                r.integer(MAX_TOPIC_LENGTH, d.maxTopicLength(), 1, 65_535),
                r.integer(MAX_TOPIC_ALIASES, d.maxTopicAliases(), 0, 65_535),
                r.bool(ANONYMOUS_ALLOWED, d.anonymousAllowed()),
                localAccounts(r, decrypt),
                acl(r, d.aclRules()),
                r.bool(DISCONNECT_ON_CREDENTIAL_EXPIRY, d.disconnectOnCredentialExpiry()),
                new ResourceLimits(
                        r.integer(MAX_CONNECT_SIZE, d.limits().maxConnectSize(), 128, 268_435_455),
                        r.integer(MAX_SESSIONS, d.limits().maxSessions(), 0, 10_000_000),
                        r.integer(MAX_SESSIONS_PER_IDENTITY, d.limits().maxSessionsPerIdentity(), 0, 10_000_000),
                        r.integer(MAX_RETAINED_MESSAGES, d.limits().maxRetainedMessages(), 0, 10_000_000),
                        r.number(MAX_RETAINED_BYTES, d.limits().maxRetainedBytes(), 0, Long.MAX_VALUE),
                        r.integer(MAX_RETAINED_MESSAGES_PER_IDENTITY, d.limits().maxRetainedMessagesPerIdentity(), 0,
                                10_000_000),
                        r.number(MAX_RETAINED_BYTES_PER_IDENTITY, d.limits().maxRetainedBytesPerIdentity(), 0,
                                Long.MAX_VALUE)));
    }

    /** Relative paths are taken from the home directory, so a Kura user can write just a file name. */
    private static Path optionalPath(ConfigReader r, String key, Path home) {
        Path path = r.path(key);
        return path == null ? null : home.resolve(path);
    }

    private static List<LocalAccount> localAccounts(ConfigReader r, UnaryOperator<String> decrypt) {
        List<LocalAccount> accounts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int n = 1; n <= LOCAL_ACCOUNT_SLOTS; n++) {
            String name = r.string(localAccountName(n), "");
            if (name.isEmpty()) {
                continue; // unused slot; a password left there is ignored
            }
            String password = r.password(localAccountPassword(n), decrypt);
            if (password.isEmpty()) {
                r.rejectSecret(localAccountPassword(n), "must be set for local application '" + LogText.of(name)
                        + "'; the account is ignored (or clear " + localAccountName(n) + ")");
                continue;
            }
            if (!names.add(name)) {
                r.reject(localAccountName(n), name, "is configured twice; user names must differ; this slot is "
                        + "ignored");
                continue;
            }
            accounts.add(new LocalAccount(name, password));
        }
        return accounts;
    }

    /**
     * The one exception to "a bad value takes its default": the default ACL allows everything, so a broken ACL
     * falls back to denying everything (fail closed) until it is fixed.
     */
    private static String acl(ConfigReader r, String def) {
        String rules = r.lines(ACL, def);
        try {
            Acl.parse(rules);
            return rules;
        } catch (IllegalArgumentException e) {
            r.reject(ACL, rules, LogText.of(e.getMessage()) + "; denying every anonymous and local-application "
                    + "publish and subscription until the ACL is fixed");
            return DENY_ALL;
        }
    }
}
