// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.config;

import akenza.edge.broker.internal.MqttBrokerComponent;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The broker's Kura metatype: one attribute per field of {@link BrokerSettings}, defaults equal to
 * {@link BrokerSettings#defaults()}. The component reads its properties through {@link SettingsParser}, not
 * through this interface, so Kura's String/Integer/array variants are all tolerated; this type exists to
 * generate {@code OSGI-INF/metatype/akenza.edge.broker.MqttBroker.xml}.
 */
@ObjectClassDefinition(id = MqttBrokerComponent.PID, name = "akenza Edge MQTT broker",
        description = "The local MQTT 3.1, 3.1.1 and 5.0 broker for devices and applications on the LAN: "
                + "listeners (plain TCP and TLS), limits, and access for clients that are not akenza devices "
                + "(anonymous clients and local-application accounts, ruled by the ACL).")
public @interface BrokerConfig {

    @AttributeDefinition(name = "Plain TCP listener enabled",
            description = "Accept unencrypted MQTT connections on the TCP port. Default: on.")
    boolean tcp_enabled() default true;

    @AttributeDefinition(name = "TCP port", min = "1", max = "65535",
            description = "Port of the unencrypted MQTT listener. Default: 1883.")
    int tcp_port() default 1883;

    @AttributeDefinition(name = "TLS listener enabled",
            description = "Accept MQTT over TLS (TLS 1.2 and 1.3) on the TLS port. Default: on.")
    boolean tls_enabled() default true;

    @AttributeDefinition(name = "TLS port", min = "1", max = "65535",
            description = "Port of the MQTT over TLS listener. Default: 8883.")
    int tls_port() default 8883;

    @AttributeDefinition(name = "Bind address",
            description = "IP address both listeners listen on; 0.0.0.0 means every interface of the gateway, "
                    + "127.0.0.1 only programs on the gateway itself. Default: 0.0.0.0.")
    String bind_address() default "0.0.0.0";

    @AttributeDefinition(name = "TLS certificate file", required = false,
            description = "Path of the PEM file with the broker's certificate, followed by any intermediate "
                    + "certificates. Relative paths are read from the home directory. Leave this and the key "
                    + "file empty to use a self-signed certificate that the broker creates once and keeps in "
                    + "<home>/tls/broker-cert.pem. Default: empty.")
    String tls_cert_path() default "";

    @AttributeDefinition(name = "TLS private key file", required = false,
            description = "Path of the PEM file with the private key of the TLS certificate (PKCS#8, PKCS#1 "
                    + "or EC, unencrypted). Relative paths are read from the home directory. Set it together "
                    + "with the certificate file, or leave both empty. Default: empty.")
    String tls_key_path() default "";

    @AttributeDefinition(name = "TLS keystore", required = false,
            description = "Instead of the PEM files: the Kura keystore holding the broker's certificate and key, by "
                    + "its service PID as Kura's Certificates page lists it (for example "
                    + "org.eclipse.kura.core.keystore.SSLKeystore). A change of the entry in the keystore is "
                    + "picked up without a restart. Empty = use the PEM files. Default: empty.")
    String tls_keystore_service_pid() default "";

    @AttributeDefinition(name = "TLS keystore alias", required = false,
            description = "Alias of the private key entry (key and certificate chain) in the TLS keystore. "
                    + "Default: empty.")
    String tls_keystore_alias() default "";

    @AttributeDefinition(name = "Home directory", required = false,
            description = "Directory where the broker keeps its files (the generated TLS certificate). Empty "
                    + "means the akenza Edge home: the system property akenza.edge.home if set, else "
                    + "<kura.home>/user/akenza-edge on Kura, else ./data. Default: empty.")
    String home_dir() default "";

    @AttributeDefinition(name = "Maximum connections", min = "1", max = "100000",
            description = "How many clients may be connected at once; further connections are refused. "
                    + "Default: 1000.")
    int max_connections() default 1000;

    @AttributeDefinition(name = "Maximum packet size (bytes)", min = "128", max = "268435455",
            description = "Largest MQTT packet accepted from a client, in bytes; a client sending a larger one "
                    + "is disconnected. Announced to MQTT 5 clients. Default: 268435455 (the MQTT maximum).")
    int max_packet_size() default 268_435_455;

    @AttributeDefinition(name = "Maximum in-flight messages", min = "1", max = "65535",
            description = "How many QoS 1 and 2 messages may await acknowledgement per client and direction "
                    + "(MQTT 5 receive maximum). Default: 32.")
    int max_inflight() default 32;

    @AttributeDefinition(name = "Maximum queued messages", min = "0", max = "1000000",
            description = "How many messages are kept per persistent session while its client is offline or "
                    + "busy; further messages are dropped and counted. Default: 1000.")
    int max_queued_messages() default 1000;

    @AttributeDefinition(name = "Maximum session expiry (seconds)", type = AttributeType.LONG, min = "0",
            max = "4294967295",
            description = "Longest time, in seconds, a persistent session is kept after its client "
                    + "disconnects (MQTT 5 clients may ask for less; MQTT 3.1.1 persistent sessions get this). "
                    + "Default: 86400 (one day).")
    long max_session_expiry() default 86_400L;

    @AttributeDefinition(name = "Connect timeout (seconds)", min = "1", max = "3600",
            description = "How long, in seconds, a new connection may stay open without sending its MQTT "
                    + "CONNECT before it is closed. Default: 10.")
    int connect_timeout() default 10;

    @AttributeDefinition(name = "Maximum keep alive (seconds)", min = "0", max = "65535",
            description = "Longest keep alive, in seconds, the broker grants to MQTT 5 clients. A client asking "
                    + "for more, or for none (0), is told to use this value instead and is disconnected when it "
                    + "stays silent for one and a half times that long. 0 accepts whatever the client asks for. "
                    + "MQTT 3.1.1 clients cannot be told another value: they always keep their own. "
                    + "Default: 0.")
    int max_keep_alive() default 0;

    @AttributeDefinition(name = "Maximum subscriptions per client", min = "1", max = "100000",
            description = "How many topic filters one client may subscribe to; further subscriptions are "
                    + "refused. Default: 100.")
    int max_subscriptions_per_client() default 100;

    @AttributeDefinition(name = "Maximum topic length (bytes)", min = "1", max = "65535",
            description = "Longest topic name or topic filter accepted, in UTF-8 bytes. Default: 1024.")
    int max_topic_length() default 1024;

    @AttributeDefinition(name = "Maximum topic aliases", min = "0", max = "65535",
            description = "How many topic aliases an MQTT 5 client may use towards the broker; 0 turns topic "
                    + "aliases off. Default: 16.")
    int max_topic_aliases() default 16;

    @AttributeDefinition(name = "Disconnect on credential expiry",
            description = "Close a device's connection when its credential (for example its JWT) expires, so "
                    + "it must reconnect with a fresh one. Default: on.")
    boolean disconnect_on_credential_expiry() default true;

    @AttributeDefinition(name = "Maximum CONNECT size (bytes)", min = "128", max = "268435455",
            description = "Largest MQTT CONNECT packet accepted from a client that has not yet logged in, in "
                    + "bytes. A larger one is refused from its first bytes, before it is read, so unknown clients "
                    + "cannot make the gateway read and parse large packets. Default: 65536 (64 KiB).")
    int max_connect_size() default 65_536;

    @AttributeDefinition(name = "Maximum persistent sessions", min = "0", max = "10000000",
            description = "How many persistent sessions (MQTT 3.1.1 clean session off, MQTT 5 session expiry "
                    + "above 0) the broker keeps in total, connected or not. A client asking for one more is refused "
                    + "(MQTT 5: CONNACK 0x97 Quota exceeded; 3.1.1: 0x03 Server unavailable). Default: 2000.")
    int max_sessions() default 2_000;

    @AttributeDefinition(name = "Maximum persistent sessions per identity", min = "0", max = "10000000",
            description = "How many persistent sessions one identity (one device, one connector, one local "
                    + "application account) may hold; a connector's clients with different client ids count "
                    + "together. Further ones are refused like above. Default: 100.")
    int max_sessions_per_identity() default 100;

    @AttributeDefinition(name = "Maximum retained messages", min = "0", max = "10000000",
            description = "How many retained messages the broker keeps in total; a retained message beyond it "
                    + "is delivered but not retained, and counted. 0 keeps none. Default: 10000.")
    int max_retained_messages() default 10_000;

    @AttributeDefinition(name = "Maximum retained bytes", type = AttributeType.LONG, min = "0",
            description = "How many payload bytes of retained messages the broker keeps in total. "
                    + "Default: 16777216 (16 MiB).")
    long max_retained_bytes() default 16L * 1024 * 1024;

    @AttributeDefinition(name = "Maximum retained messages per identity", min = "0", max = "10000000",
            description = "How many retained messages one identity (device, connector or account) may have "
                    + "published and kept. Default: 1000.")
    int max_retained_messages_per_identity() default 1_000;

    @AttributeDefinition(name = "Maximum retained bytes per identity", type = AttributeType.LONG, min = "0",
            description = "How many payload bytes of retained messages one identity may have published and "
                    + "kept. Default: 1048576 (1 MiB).")
    long max_retained_bytes_per_identity() default 1024L * 1024;

    @AttributeDefinition(name = "Allow anonymous clients",
            description = "Admit clients that are neither akenza devices nor local-application accounts; what "
                    + "they may publish and subscribe is ruled by the ACL. Default: off.")
    boolean anonymous_allowed() default false;

    @AttributeDefinition(name = "Acknowledge uplinks without a forwarder",
            description = "Only for a gateway that runs without the akenza uplink forwarder on purpose: device "
                    + "uplinks are then acknowledged once delivered to local subscribers, and nothing keeps them. "
                    + "Off: while no forwarder buffer can store an uplink (gateway starting, forwarder restarting "
                    + "or stopped), devices are not acknowledged and must send it again (MQTT 5: DISCONNECT "
                    + "0x89 server busy; MQTT 3.1.1: connection closed). Default: off.")
    boolean uplinks_without_forwarder() default false;

    @AttributeDefinition(name = "Local application 1: user name", required = false,
            description = "User name of a program on the gateway or the LAN (for example Node-RED or Kura "
                    + "Wires) that may connect without being an akenza device; ruled by the ACL. Empty = slot "
                    + "unused. Default: empty.")
    String local_account_1_name() default "";

    @AttributeDefinition(name = "Local application 1: password", type = AttributeType.PASSWORD, required = false,
            description = "Password of local application 1. Default: empty.")
    String local_account_1_password() default "";

    @AttributeDefinition(name = "Local application 2: user name", required = false,
            description = "User name of a second local application. Empty = slot unused. Default: empty.")
    String local_account_2_name() default "";

    @AttributeDefinition(name = "Local application 2: password", type = AttributeType.PASSWORD, required = false,
            description = "Password of local application 2. Default: empty.")
    String local_account_2_password() default "";

    @AttributeDefinition(name = "Local application 3: user name", required = false,
            description = "User name of a third local application. Empty = slot unused. Default: empty.")
    String local_account_3_name() default "";

    @AttributeDefinition(name = "Local application 3: password", type = AttributeType.PASSWORD, required = false,
            description = "Password of local application 3. Default: empty.")
    String local_account_3_password() default "";

    @AttributeDefinition(name = "Access rules (ACL)", required = false,
            description = "What anonymous clients and local applications may do (akenza devices follow "
                    + "akenza's topic rules instead). One rule per line or separated by commas: allow or deny, "
                    + "then publish, subscribe or all, then an MQTT topic filter (+ and # allowed), e.g. "
                    + "'allow subscribe /up/#'. The first matching rule wins; nothing matching means denied. "
                    + "Lines starting with // are comments. Default: allow all #.|TextArea")
    String acl() default "allow all #";
}
