// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.provisioning;

import akenza.edge.api.auth.DeviceIds;
import akenza.edge.api.log.LogText;
import akenza.edge.credentials.internal.CredentialsSettings;
import akenza.edge.credentials.internal.keys.DeviceKeys;
import akenza.edge.credentials.internal.keys.KeyFileWriter;
import akenza.edge.credentials.internal.keys.KeyKind;
import akenza.edge.credentials.internal.keys.KeyRegistry;
import akenza.edge.credentials.internal.keys.RegisteredKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's console commands ({@code akenza:devices}, {@code akenza:provision}, {@code akenza:revoke}),
 * answering with text. The private key and token that {@code provision} prints go to the operator's console
 * only: the log gets the device id and kid.
 */
public final class DeviceCommands {

    /** Token lifetime when the operator gives none, in minutes. */
    public static final int DEFAULT_TOKEN_MINUTES = 60;

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCommands.class);

    private final CredentialsSettings settings;
    private final KeyRegistry registry;
    private final KeyFileWriter writer;
    private final Provisioner provisioner;

    /**
     * @param settings the configuration
     * @param registry the key registry
     * @param clock the time source
     */
    public DeviceCommands(CredentialsSettings settings, KeyRegistry registry, Clock clock) {
        this.settings = settings;
        this.registry = registry;
        this.writer = new KeyFileWriter(registry);
        this.provisioner = new Provisioner(settings, writer, clock);
    }

    /** @return one line per device and key, then the bad files */
    public synchronized String devices() {
        List<DeviceKeys> all = registry.scan();
        StringBuilder out = new StringBuilder();
        out.append("Key directory: ").append(registry.directory()).append('\n');
        if (all.isEmpty()) {
            out.append("No devices with keys.\n");
        }
        for (DeviceKeys device : all) {
            out.append(device.deviceId()).append('\n');
            for (RegisteredKey key : device.active()) {
                out.append("  ").append(describe(key)).append('\n');
            }
            for (RegisteredKey key : device.revoked()) {
                out.append("  REVOKED ").append(describe(key)).append('\n');
            }
        }
        Map<String, String> problems = registry.problems();
        problems.forEach((file, problem) -> out.append("BAD FILE ").append(file).append(": ").append(problem)
                .append('\n'));
        return out.toString();
    }

    /**
     * @param deviceId the device id
     * @param type {@code ec} (default) or {@code rsa}
     * @param minutes the token lifetime in minutes
     * @return the private key, certificate, token and a mosquitto_pub line, or an error line
     */
    public synchronized String provision(String deviceId, String type, int minutes) {
        KeyKind kind;
        if (type == null || type.equalsIgnoreCase("ec")) {
            kind = KeyKind.EC_P256;
        } else if (type.equalsIgnoreCase("rsa")) {
            kind = KeyKind.RSA;
        } else {
            return "Unknown key type '" + LogText.of(type) + "': use ec or rsa.\n";
        }
        if (!DeviceIds.isValid(deviceId)) {
            return "Not a valid device id: " + DeviceIds.RULE + ".\n";
        }
        Provisioner.Provisioned p;
        try {
            p = provisioner.provision(deviceId, kind, Duration.ofMinutes(minutes));
        } catch (IllegalArgumentException e) {
            return "Cannot provision: " + e.getMessage() + "\n";
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("Provisioning device {} failed: {}", deviceId, e.toString());
            return "Provisioning failed: " + e.getClass().getSimpleName() + "\n";
        }
        LOG.info("Provisioned device {} with a new {} key, kid {}", deviceId, p.kind().label(), p.kid());
        String kindName = p.kind() == KeyKind.RSA ? "rsa" : "ec";
        return "Device " + deviceId + " provisioned with a new " + p.kind().label() + " key (kid " + p.kid() + ").\n"
                + "Certificate registered in " + registry.activeFile(deviceId) + ".\n\n"
                + "Private key (shown once, not stored on the gateway; save it as " + kindName + "_private.pem):\n"
                + p.privateKeyPem() + "\n"
                + "Token valid until " + p.tokenExpiresAt() + " (" + minutes + " min):\n" + p.token() + "\n\n"
                + "Try it on the gateway (from another machine add -h <gateway address>; -p for another port):\n"
                + "mosquitto_pub -i " + deviceId + " -u unused -P " + p.token() + " -t /up/device/id/"
                + deviceId + " -m '{\"foo\":\"bar\"}'\n";
    }

    /**
     * @param deviceId the device id
     * @param kid the key to revoke, or {@code null} for all the device's keys
     * @return what was done
     */
    public synchronized String revoke(String deviceId, String kid) {
        if (!DeviceIds.isValid(deviceId)) {
            return "Not a valid device id.\n";
        }
        try {
            int count = writer.revoke(deviceId, kid == null ? null : kid.toLowerCase(Locale.ROOT));
            if (count == 0) {
                return kid == null ? "Device " + deviceId + " has no active keys.\n"
                        : "Device " + deviceId + " has no active key with kid " + LogText.of(kid) + ".\n";
            }
            LOG.info("Revoked {} key(s) of device {}{}", count, deviceId, kid == null ? "" : " (kid " + kid + ")");
            return "Revoked " + count + " key(s) of device " + deviceId
                    + "; its tokens signed with them are refused from now on.\n";
        } catch (IOException e) {
            LOG.warn("Revoking keys of device {} failed: {}", deviceId, e.toString());
            return "Revoking failed: " + e.getClass().getSimpleName() + "\n";
        }
    }

    private static String describe(RegisteredKey key) {
        return key.typeLabel() + " kid=" + key.kid()
                + (key.notAfter() == null ? " (public key)" : " certificate expires " + key.notAfter());
    }

    /** @return the configuration the commands use */
    public CredentialsSettings settings() {
        return settings;
    }
}
