// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * akenza's cloud broker for the in-framework tests: an embedded HiveMQ CE (a real, independent MQTT 5
 * broker) on 127.0.0.1, outside the OSGi framework, enforcing akenza's uplink-secret rules for one
 * connector plus an all-seeing observer account. Started once per test JVM from a {@code @Configuration}
 * method, which Pax Exam's native container runs outside the framework; the framework side only learns
 * the port through system properties. Never load this class inside the framework (it needs HiveMQ's
 * classes): use only its constants there, which the compiler inlines, and {@link Ports} for free ports.
 */
final class AkenzaStandIn {

    static final String CONNECTOR_ID = "a1b2c3d4e5f60718";
    static final String SECRET = "upstreamsecret0123456789abcdefgh";
    static final String OBSERVER = "observer";
    static final String OBSERVER_PASSWORD = "observer-pw";

    private static int port;

    private AkenzaStandIn() {
    }

    /** @return the port of the (started once) stand-in */
    static synchronized int start() {
        if (port != 0) {
            return port;
        }
        try {
            Path dir = Features.workDirectory().resolve("hivemq");
            Path conf = Files.createDirectories(dir.resolve("conf"));
            int p = Ports.free();
            Files.writeString(conf.resolve("config.xml"), "<?xml version=\"1.0\"?>\n<hivemq>\n"
                    + "  <listeners><tcp-listener><port>" + p + "</port><bind-address>127.0.0.1</bind-address>"
                    + "</tcp-listener></listeners>\n"
                    + "  <persistence><mode>in-memory</mode></persistence>\n"
                    + "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
                    + "</hivemq>\n");
            EmbeddedExtension rules = EmbeddedExtension.builder().withId("akenza-rules").withName("akenza rules")
                    .withVersion("1").withPriority(1000).withStartPriority(1000).withAuthor("akenza Edge tests")
                    .withExtensionMain(new Rules()).build();
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(dir.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
                    .withEmbeddedExtension(rules).withoutLoggingBootstrap().build();
            hivemq.start().get(60, TimeUnit.SECONDS);
            port = p;
            return p;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the akenza stand-in", e);
        }
    }

    /** @return a free port; outside the framework only (use {@link Ports#free()} inside it) */
    static int freePort() {
        return Ports.free();
    }

    /** akenza's rules for the connector; the observer may do anything. */
    private static final class Rules implements ExtensionMain {

        @Override
        public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
            Services.securityRegistry().setAuthenticatorProvider(input -> (SimpleAuthenticator) (auth, output) -> {
                String user = auth.getConnectPacket().getUserName().orElse("");
                String password = auth.getConnectPacket().getPassword().map(Rules::text).orElse("");
                if (CONNECTOR_ID.equals(user) && SECRET.equals(password)) {
                    output.getDefaultPermissions().add(allow("/up/" + SECRET + "/id/+/#",
                            TopicPermission.MqttActivity.PUBLISH));
                    output.getDefaultPermissions().add(allow("/down/" + SECRET + "/id/+/#",
                            TopicPermission.MqttActivity.SUBSCRIBE));
                    output.authenticateSuccessfully();
                } else if (OBSERVER.equals(user) && OBSERVER_PASSWORD.equals(password)) {
                    output.getDefaultPermissions().add(allow("#", TopicPermission.MqttActivity.ALL));
                    output.authenticateSuccessfully();
                } else {
                    output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "bad credentials");
                }
            });
        }

        private static TopicPermission allow(String filter, TopicPermission.MqttActivity activity) {
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
