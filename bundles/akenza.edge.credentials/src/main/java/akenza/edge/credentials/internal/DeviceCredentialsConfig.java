// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The credentials component's Kura metatype; defaults equal {@link CredentialsSettings#defaults}. The
 * component reads its properties through {@link CredentialsSettings#read}, so Kura's String/Integer/Long variants are
 * all tolerated; this type exists to generate {@code OSGI-INF/metatype/akenza.edge.credentials.DeviceCredentials.xml}.
 */
@ObjectClassDefinition(id = DeviceCredentialsComponent.PID, name = "akenza Edge device credentials",
        description = "How akenza devices prove who they are to the gateway's broker: per-device JWTs signed with "
                + "keys registered in the key directory (akenza device credentials), uplink-secret connectors, "
                + "and throttling of repeated failed logins.")
public @interface DeviceCredentialsConfig {

    @AttributeDefinition(name = "Device key directory", required = false,
            description = "Directory with one PEM file per device, named <deviceId>.pem, holding the device's "
                    + "X.509 certificates or public keys (several keys = key rotation). Changes are picked up "
                    + "without a restart. Relative paths are read from the akenza Edge home. Empty means "
                    + "<home>/devices. Default: empty.")
    String jwt_keys_dir() default "";

    @AttributeDefinition(name = "JWT audience",
            description = "The aud claim a device token must carry; {deviceId} stands for the device id. Use "
                    + "https://<customer>.akenza.io/devices/{deviceId} for a private akenza cloud. "
                    + "Default: https://akenza.io/devices/{deviceId}.")
    String jwt_audience() default CredentialsSettings.DEFAULT_AUDIENCE;

    @AttributeDefinition(name = "JWT audience required",
            description = "Refuse tokens without an aud claim. When off, aud is checked only when present. "
                    + "Default: off.")
    boolean jwt_audience_required() default false;

    @AttributeDefinition(name = "JWT maximum lifetime (s)", min = "60",
            description = "Longest validity (exp minus iat) a device token may have, in seconds. "
                    + "Default: 86400 (24 h).")
    long jwt_max_lifetime() default 86400;

    @AttributeDefinition(name = "JWT clock skew (s)", min = "0",
            description = "Tolerance for clocks of devices that are slightly off, in seconds, applied to iat and "
                    + "exp. Default: 600 (10 min).")
    long jwt_clock_skew() default 600;

    @AttributeDefinition(name = "Disconnect on token expiry",
            description = "Close a device's connection when its token expires (exp plus clock skew); the device "
                    + "then reconnects with a fresh token, as with akenza's cloud. Default: on.")
    boolean disconnect_on_expiry() default true;

    @AttributeDefinition(name = "JWT maximum size (bytes)", min = "256",
            description = "Longer passwords are refused before any parsing. Default: 8192.")
    int jwt_max_token_size() default 8192;

    @AttributeDefinition(name = "Verified token cache (entries)", min = "0",
            description = "How many verified tokens are remembered until they expire, so devices that reconnect "
                    + "often do not cost a signature check each time. 0 disables the cache. Default: 10000.")
    int jwt_cache_size() default 10000;

    @AttributeDefinition(name = "Connector 1: id", required = false,
            description = "Id of an akenza uplink-secret device connector (the MQTT user name its devices send). "
                    + "Leave empty to disable this slot. Default: empty.")
    String connector_1_id() default "";

    @AttributeDefinition(name = "Connector 1: secret", type = AttributeType.PASSWORD, required = false,
            description = "The connector's uplink secret, as shown in akenza (the MQTT password, also the second "
                    + "level of its topics /up/<secret>/id/<deviceId>). Default: empty.")
    String connector_1_secret() default "";

    @AttributeDefinition(name = "Connector 1: allowed devices", required = false,
            description = "Comma-separated device ids this connector may publish for. Empty means any device "
                    + "that has no keys of its own: a device with registered JWT keys is spoken for only by "
                    + "connectors that name it here. Default: empty.")
    String connector_1_devices() default "";

    @AttributeDefinition(name = "Connector 2: id", required = false,
            description = "Id of an akenza uplink-secret device connector (the MQTT user name its devices send). "
                    + "Leave empty to disable this slot. Default: empty.")
    String connector_2_id() default "";

    @AttributeDefinition(name = "Connector 2: secret", type = AttributeType.PASSWORD, required = false,
            description = "The connector's uplink secret, as shown in akenza (the MQTT password, also the second "
                    + "level of its topics /up/<secret>/id/<deviceId>). Default: empty.")
    String connector_2_secret() default "";

    @AttributeDefinition(name = "Connector 2: allowed devices", required = false,
            description = "Comma-separated device ids this connector may publish for. Empty means any device "
                    + "that has no keys of its own: a device with registered JWT keys is spoken for only by "
                    + "connectors that name it here. Default: empty.")
    String connector_2_devices() default "";

    @AttributeDefinition(name = "Connector 3: id", required = false,
            description = "Id of an akenza uplink-secret device connector (the MQTT user name its devices send). "
                    + "Leave empty to disable this slot. Default: empty.")
    String connector_3_id() default "";

    @AttributeDefinition(name = "Connector 3: secret", type = AttributeType.PASSWORD, required = false,
            description = "The connector's uplink secret, as shown in akenza (the MQTT password, also the second "
                    + "level of its topics /up/<secret>/id/<deviceId>). Default: empty.")
    String connector_3_secret() default "";

    @AttributeDefinition(name = "Connector 3: allowed devices", required = false,
            description = "Comma-separated device ids this connector may publish for. Empty means any device "
                    + "that has no keys of its own: a device with registered JWT keys is spoken for only by "
                    + "connectors that name it here. Default: empty.")
    String connector_3_devices() default "";

    @AttributeDefinition(name = "Failed logins before throttling", min = "0",
            description = "After this many failed logins of one claimed identity (a device id, a connector id, a "
                    + "local account) from one IP address within the window, that identity is refused from that "
                    + "address for the cooldown; after ten times as many failures of any identities from one "
                    + "address, the whole address is. 0 disables throttling. Default: 10.")
    int auth_failures_max() default 10;

    @AttributeDefinition(name = "Failed login window (s)", min = "1",
            description = "The window failed logins are counted in, in seconds. Default: 60.")
    int auth_failures_window() default 60;

    @AttributeDefinition(name = "Throttling cooldown (s)", min = "1",
            description = "How long a throttled identity or address is refused, in seconds. Default: 300.")
    int auth_cooldown() default 300;
}
