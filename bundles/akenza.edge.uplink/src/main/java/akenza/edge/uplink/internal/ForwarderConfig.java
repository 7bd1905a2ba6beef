// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The forwarder's configuration as Kura's console shows it (method names map to properties, {@code _} = {@code .}). */
@ObjectClassDefinition(id = ForwarderComponent.PID, name = "akenza Uplink Forwarder",
        description = "Forwards device uplinks to akenza over one MQTT connection, keeps them in a durable buffer "
                + "while akenza is unreachable, and relays downlinks back to the devices.")
public @interface ForwarderConfig {

    /** @return whether to connect upstream */
    @AttributeDefinition(name = "Enabled", description = "Connect to akenza and forward uplinks. When off, uplinks "
            + "are still accepted and kept in the buffer until forwarding is enabled.")
    boolean enabled() default true;

    /** @return the upstream host */
    @AttributeDefinition(name = "Host", description = "akenza MQTT broker host name.")
    String host() default "mqtt.akenza.io";

    /** @return the upstream port */
    @AttributeDefinition(name = "Port", description = "akenza MQTT broker port: 8883 with TLS, 1883 without.",
            min = "1", max = "65535")
    int port() default 8883;

    /** @return whether to use TLS */
    @AttributeDefinition(name = "TLS", description = "Connect with TLS 1.2 or newer (recommended).")
    boolean tls() default true;

    /** @return the CA file */
    @AttributeDefinition(name = "CA certificates file", required = false,
            description = "PEM file with the CA certificates to trust for the upstream; "
                    + "empty = the system trust store.")
    String ca_path() default "";

    /** @return the CA keystore */
    @AttributeDefinition(name = "CA keystore", required = false,
            description = "Instead of the CA certificates file: trust the trusted certificates of this Kura "
                    + "keystore, by its service PID as Kura's Certificates page lists it (for example "
                    + "org.eclipse.kura.core.keystore.SSLKeystore). Read at every connection, so changes made in "
                    + "the Certificates page apply from the next (re)connection. Empty = the CA certificates file, "
                    + "else the system trust store.")
    String ca_keystore_service_pid() default "";

    /** @return the protocol */
    @AttributeDefinition(name = "MQTT protocol", description = "MQTT 5 carries content type and the other message "
            + "properties to akenza; MQTT 3.1.1 leaves them off (counted and warned about).",
            options = {@Option(label = "MQTT 5", value = "5"), @Option(label = "MQTT 3.1.1", value = "3.1.1")})
    String protocol() default "5";

    /** @return the upstream client implementation */
    @AttributeDefinition(name = "MQTT client", description = "Which MQTT client library talks to akenza. netty "
            + "(default) sends batches of uplinks with few thread switches and drains a backlog fastest; paho "
            + "(Eclipse Paho) is the earlier client, kept as a fallback. Both keep the same guarantees.",
            options = {@Option(label = "Netty (default)", value = "netty"), @Option(label = "Eclipse Paho",
                value = "paho")})
    String upstream_client() default "netty";

    /** @return the connector id */
    @AttributeDefinition(name = "Device connector id", required = false,
            description = "The MQTT user name: the id of the akenza device connector (uplink secret authentication).")
    String connector_id() default "";

    /** @return the connector secret */
    @AttributeDefinition(name = "Device connector secret", type = AttributeType.PASSWORD, required = false,
            description = "The uplink secret of the akenza device connector; also part of the upstream topics.")
    String connector_secret() default "";

    /** @return the client id */
    @AttributeDefinition(name = "Client id", required = false,
            description = "MQTT client id upstream; empty = akenza-edge-<host name>.")
    String client_id() default "";

    /** @return the upstream QoS */
    @AttributeDefinition(name = "QoS", description = "QoS of the uplinks sent to akenza. With 1 or 2 a message "
            + "leaves the buffer only when akenza acknowledged it.",
            options = {@Option(label = "0", value = "0"), @Option(label = "1", value = "1"),
                @Option(label = "2", value = "2")})
    int qos() default 1;

    /** @return the inflight window */
    @AttributeDefinition(name = "Inflight window", min = "1", max = "65535",
            description = "How many uplinks may await akenza's acknowledgement at once while the backlog drains.")
    int inflight_window() default 100;

    /** @return the first reconnect delay */
    @AttributeDefinition(name = "Reconnect delay min (s)", min = "1",
            description = "First delay before reconnecting; doubles after each failure (with jitter).")
    int reconnect_min() default 1;

    /** @return the longest reconnect delay */
    @AttributeDefinition(name = "Reconnect delay max (s)", min = "1", description = "Longest delay between reconnects.")
    int reconnect_max() default 120;

    /** @return the acknowledgement timeout */
    @AttributeDefinition(name = "Acknowledgement timeout (s)", min = "1", description = "Connected but no "
            + "acknowledgement for an uplink within this time counts as a fault: disconnect and reconnect.")
    int ack_timeout() default 30;

    /** @return the keep alive */
    @AttributeDefinition(name = "Keep alive (s)", min = "5", description = "MQTT keep-alive interval upstream.")
    int keep_alive() default 60;

    /** @return whether downlinks are relayed */
    @AttributeDefinition(name = "Downlinks", description = "Subscribe to akenza downlinks and relay them to devices.")
    boolean downlinks_enabled() default true;

    /** @return whether to subscribe per device */
    @AttributeDefinition(name = "Downlinks per device", description = "Subscribe one filter per device as devices "
            + "connect instead of one wildcard filter (also used automatically when akenza refuses the wildcard).")
    boolean downlinks_per_device() default false;

    /** @return the gateway's own device id */
    @AttributeDefinition(name = "Gateway device id", required = false, description = "akenza device id of the "
            + "gateway itself, for its status uplinks (akenza topic gateway_status); empty = no status uplinks.")
    String gateway_device_id() default "";

    /** @return the status uplink interval */
    @AttributeDefinition(name = "Status interval (min)", min = "0",
            description = "Minutes between gateway status uplinks; 0 = off.")
    int status_interval() default 15;

    /** @return the buffer directory */
    @AttributeDefinition(name = "Buffer directory", required = false,
            description = "Where the durable uplink buffer lives; empty = <home>/buffer.")
    String buffer_dir() default "";

    /** @return the byte bound */
    @AttributeDefinition(name = "Buffer size (bytes)", min = "65536",
            description = "Most bytes of uplinks kept while akenza is unreachable (default 256 MB).")
    long buffer_max_bytes() default 268_435_456L;

    /** @return the age bound */
    @AttributeDefinition(name = "Buffer max age (s)", min = "1",
            description = "Uplinks older than this are dropped (and counted); default 604800 = 7 days.")
    long buffer_max_age() default 604_800L;

    /** @return the overflow policy */
    @AttributeDefinition(name = "When the buffer is full", description = "drop-oldest keeps the newest data; "
            + "refuse-new keeps the oldest and refuses new uplinks (devices get MQTT 5 reason 0x97).",
            options = {@Option(label = "drop oldest", value = "drop-oldest"),
                @Option(label = "refuse new", value = "refuse-new")})
    String buffer_overflow_policy() default "drop-oldest";

    /** @return the commit interval */
    @AttributeDefinition(name = "Buffer commit interval (ms)", min = "1", max = "10000", description = "Uplinks are "
            + "committed to disk in groups; a device's QoS 1/2 publish is acknowledged at most this much later.")
    int buffer_commit_interval() default 50;

    /** @return the commit batch */
    @AttributeDefinition(name = "Buffer commit batch", min = "1",
            description = "A group commit happens at once when this many uplinks wait.")
    int buffer_commit_batch() default 1000;

    /** @return the fsync policy */
    @AttributeDefinition(name = "Buffer fsync", description = "Force every group commit to the storage device "
            + "(survives power loss). Off: the operating system writes it out (survives a crash of Kura, not a "
            + "power cut), with fewer writes to the SD card.")
    boolean buffer_fsync() default true;

    /** @return whether QoS 0 uplinks are buffered */
    @AttributeDefinition(name = "Buffer QoS 0 uplinks",
            description = "Keep QoS 0 uplinks while akenza is unreachable, like QoS 1/2. Off: QoS 0 uplinks that "
                    + "arrive while the upstream is not connected are dropped (counted).")
    boolean buffer_qos0() default true;
}
