// SPDX-License-Identifier: EPL-2.0
package akenza.edge.testing;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A real, independent MQTT 5 broker (embedded HiveMQ CE) on 127.0.0.1 standing in for akenza: an embedded
 * extension enforces akenza's uplink-secret rules. The connector (user name = connector id, password = secret)
 * may publish only to {@code /up/<secret>/id/+/#} and subscribe only to {@code /down/<secret>/id/+/#}, or,
 * in per-device mode, only to {@code /down/<secret>/id/<device>/#} of listed devices (wildcard refused).
 * An {@code observer} account (akenza's side) may do anything.
 */
public final class AkenzaUpstream implements AutoCloseable {

    public static final String CONNECTOR_ID = "0123456789abcdef";
    public static final String SECRET = "s3cr3tabcdefghijklmnopqrstuvwxyz";
    public static final String OBSERVER = "observer";
    public static final String OBSERVER_PASSWORD = "observer-pw";

    /** Sees every PUBLISH the broker receives, before routing (lets a test check order without a subscriber). */
    public static volatile BiConsumer<String, ByteBuffer> publishHook = (t, p) -> { };

    private final EmbeddedHiveMQ hivemq;
    private final int port;
    private final int tlsPort;

    private AkenzaUpstream(EmbeddedHiveMQ hivemq, int port, int tlsPort) {
        this.hivemq = hivemq;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /**
     * @param dir a temporary directory for HiveMQ's folders
     * @param perDeviceOnly devices allowed per-device downlink subscriptions; empty = the wildcard is allowed
     * @return the started broker
     */
    public static AkenzaUpstream start(Path dir, List<String> perDeviceOnly) throws Exception {
        return start(dir, perDeviceOnly, null, null);
    }

    /**
     * @param keystore a JKS key store for an extra TLS listener, or {@code null} for TCP only
     * @param password its password (store and key)
     */
    public static AkenzaUpstream start(Path dir, List<String> perDeviceOnly, Path keystore, String password)
            throws Exception {
        int port = freePort();
        int tlsPort = keystore == null ? -1 : freePort();
        String tls = keystore == null ? "" : "<tls-tcp-listener><port>" + tlsPort + "</port>"
                + "<bind-address>127.0.0.1</bind-address><tls><keystore><path>" + keystore + "</path><password>"
                + password + "</password><private-key-password>" + password + "</private-key-password></keystore>"
                + "</tls></tls-tcp-listener>";
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("config.xml"), "<?xml version=\"1.0\"?>\n<hivemq>\n"
                + "  <listeners><tcp-listener><port>" + port + "</port><bind-address>127.0.0.1</bind-address>"
                + "</tcp-listener>" + tls + "</listeners>\n"
                + "  <persistence><mode>in-memory</mode></persistence>\n"
                // A slow test observer must not lose messages: HiveMQ drops beyond 1000 queued per client by default.
                + "  <mqtt><queued-messages><max-queue-size>500000</max-queue-size></queued-messages></mqtt>\n"
                + "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
                + "</hivemq>\n");
        EmbeddedExtension extension = EmbeddedExtension.builder().withId("akenza-rules").withName("akenza rules")
                .withVersion("1").withPriority(1000).withStartPriority(1000).withAuthor("akenza Edge tests")
                .withExtensionMain(new Rules(perDeviceOnly)).build();
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
                .withDataFolder(Files.createDirectories(dir.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
                .withEmbeddedExtension(extension).withoutLoggingBootstrap().build();
        hivemq.start().get(60, TimeUnit.SECONDS);
        return new AkenzaUpstream(hivemq, port, tlsPort);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    @Override
    public void close() throws Exception {
        hivemq.stop().get(30, TimeUnit.SECONDS);
        hivemq.close();
    }

    /** The akenza rules, as an embedded extension. */
    private static final class Rules implements ExtensionMain {
        private final List<String> perDeviceOnly;

        Rules(List<String> perDeviceOnly) {
            this.perDeviceOnly = List.copyOf(perDeviceOnly);
        }

        @Override
        public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
            Services.initializerRegistry().setClientInitializer((init, context) -> context.addPublishInboundInterceptor(
                    (publish, result) -> publishHook.accept(publish.getPublishPacket().getTopic(),
                            publish.getPublishPacket().getPayload().orElse(ByteBuffer.allocate(0)))));
            Services.securityRegistry().setAuthenticatorProvider(input -> (SimpleAuthenticator) (auth, output) -> {
                Optional<String> user = auth.getConnectPacket().getUserName();
                String password = auth.getConnectPacket().getPassword().map(Rules::text).orElse("");
                if (user.filter(CONNECTOR_ID::equals).isPresent() && SECRET.equals(password)) {
                    output.getDefaultPermissions().add(permission("/up/" + SECRET + "/id/+/#",
                            TopicPermission.MqttActivity.PUBLISH));
                    if (perDeviceOnly.isEmpty()) {
                        output.getDefaultPermissions().add(permission("/down/" + SECRET + "/id/+/#",
                                TopicPermission.MqttActivity.SUBSCRIBE));
                    } else {
                        for (String device : perDeviceOnly) {
                            output.getDefaultPermissions().add(permission("/down/" + SECRET + "/id/" + device + "/#",
                                    TopicPermission.MqttActivity.SUBSCRIBE));
                        }
                    }
                    output.authenticateSuccessfully();
                } else if (user.filter(OBSERVER::equals).isPresent() && OBSERVER_PASSWORD.equals(password)) {
                    output.getDefaultPermissions().add(permission("#", TopicPermission.MqttActivity.ALL));
                    output.authenticateSuccessfully();
                } else {
                    output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad credentials");
                }
            });
        }

        private static TopicPermission permission(String filter, TopicPermission.MqttActivity activity) {
            return Builders.topicPermission().topicFilter(filter).type(TopicPermission.PermissionType.ALLOW)
                    .activity(activity).build();
        }

        private static String text(ByteBuffer buffer) {
            ByteBuffer b = buffer.duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
            // nothing to release
        }
    }
}
