// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal;

import akenza.edge.broker.internal.config.BrokerSettings;
import akenza.edge.broker.internal.config.BrokerSettings.LocalAccount;
import akenza.edge.broker.internal.config.ResourceLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A mutable builder of {@link BrokerSettings} for tests: loopback, ephemeral ports, TLS off. */
public final class TestSettings {

    /** The general-purpose ACL the issue asks the broker to be conformant with. */
    public static final String GENERAL_ACL = "deny subscribe test/nosubscribe\nallow all #";

    public boolean tcpEnabled = true;
    public int tcpPort;
    public boolean tlsEnabled;
    public int tlsPort;
    public Path home = Path.of("target", "broker-home");
    public int maxConnections = 100;
    public int maxPacketSize = 1_048_576;
    public int maxInflight = 32;
    public int maxQueuedMessages = 1000;
    public long maxSessionExpirySeconds = 3600;
    public int connectTimeoutSeconds = 10;
    public int maxKeepAliveSeconds;
    public int maxSubscriptionsPerClient = 100;
    public int maxTopicLength = 1024;
    public int maxTopicAliases = 16;
    public boolean anonymousAllowed = true;
    public List<LocalAccount> localAccounts = new ArrayList<>(List.of(new LocalAccount("nodered", "s3cret")));
    public String acl = GENERAL_ACL;
    public boolean disconnectOnCredentialExpiry = true;
    public ResourceLimits limits = ResourceLimits.defaults();

    /** @return general-purpose settings: anonymous allowed, the general ACL, one local account */
    public static TestSettings general() {
        return new TestSettings();
    }

    /** @return the settings */
    public BrokerSettings build() {
        return new BrokerSettings(tcpEnabled, tcpPort, tlsEnabled, tlsPort, "127.0.0.1", null, null, home,
                maxConnections, maxPacketSize, maxInflight, maxQueuedMessages, maxSessionExpirySeconds,
                connectTimeoutSeconds, maxKeepAliveSeconds, maxSubscriptionsPerClient, maxTopicLength, maxTopicAliases,
                anonymousAllowed, localAccounts, acl, disconnectOnCredentialExpiry, limits);
    }
}
