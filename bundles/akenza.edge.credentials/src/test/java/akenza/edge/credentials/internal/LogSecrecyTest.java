// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.AuthResult;
import akenza.edge.api.auth.ConnectRequest;
import akenza.edge.credentials.internal.testing.MutableClock;
import akenza.edge.credentials.internal.testing.Requests;
import akenza.edge.credentials.internal.testing.TestKeys;
import akenza.edge.credentials.internal.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the failure cases (and a provisioning) through the component with the real slf4j-simple logger
 * writing to a file (set up in the module pom), then searches that file: no token, secret or private key
 * may appear in it, nor in any refusal detail.
 */
class LogSecrecyTest {

    private static final String SECRET = "LOGSECRETq0x9c8v7b6n5m4l3k2j1h0g";
    private static final String WRONG_SECRET = "LOGWRONGSECRETz1x2c3v4b5n6m7";

    @TempDir
    Path keys;

    @Test
    void noTokenSecretOrPrivateKeyReachesTheLog() throws Exception {
        String logFile = System.getProperty("credentials.test.log");
        assertNotNull(logFile, "surefire must set credentials.test.log (module pom)");

        MutableClock clock = new MutableClock(Instant.now());
        DeviceCredentialsComponent component = new DeviceCredentialsComponent(clock);
        KeyPair rsa = TestKeys.rsa();
        KeyPair ec = TestKeys.ec();
        TestKeys.writeKeyFile(keys, "log-rsa", TestKeys.certificate(rsa, "log-rsa"));
        TestKeys.writeKeyFile(keys, "log-ec", TestKeys.certificate(ec, "log-ec"));
        TestKeys.writeKeyFile(keys, "log-private", new JcaPKCS8Generator(
                ec.getPrivate(), null).generate());
        Map<String, Object> properties = new HashMap<>();
        properties.put("jwt.keys.dir", keys.toString());
        properties.put("connector.1.id", "log-connector");
        properties.put("connector.1.secret", SECRET);
        properties.put("auth.failures.max", 5);
        component.activate(properties);

        Instant now = clock.instant();
        List<String> secrets = new ArrayList<>(List.of(SECRET, WRONG_SECRET));
        List<ConnectRequest> requests = new ArrayList<>();
        String[] tokens = {
            Tokens.forDevice(rsa, now.minus(Duration.ofHours(3)), "log-rsa").exp(now.minus(Duration.ofHours(1))).sign(),
            Tokens.forDevice(ec, now.plus(Duration.ofHours(1)), "log-ec").sign(),
            Tokens.forDevice(ec, now, "log-ec").aud("https://akenza.io/devices/else").sign(),
            Tokens.forDevice(ec, now, "log-ec").sub("log-rsa").sign(),
            Tokens.forDevice(rsa, now, "log-rsa").alg("PS256").sign(),
            Tokens.forDevice(rsa, now, "log-rsa").kid("ab".repeat(32)).sign(),
            Tokens.compact("{\"alg\":\"none\"}", "{\"sub\":\"log-ec\"}", ""),
            Tokens.compact("{\"alg\":\"RS256\"}", "{\"x\":\"" + "y".repeat(9000) + "\"}", "c2ln"),
            Tokens.forDevice(ec, now, "log-ec").sign() + "AAAA",
        };
        for (String token : tokens) {
            secrets.add(token);
            String signature = token.substring(token.lastIndexOf('.') + 1);
            if (signature.length() >= 16) { // an empty or tiny segment would match anything
                secrets.add(signature);
            }
            requests.add(Requests.connect("log-ec", "unused", token, "10.9.9.1"));
            requests.add(Requests.connect("log-rsa", "unused", token, "10.9.9.2"));
        }
        String valid = Tokens.forDevice(ec, now, "log-ec").sign();
        secrets.add(valid);
        requests.add(Requests.connect("log-ec", "unused", valid, "10.9.9.3"));
        requests.add(Requests.connect("log-rsa", "unused", valid, "10.9.9.3"));
        // A device that swapped its fields: the token as client id (and as password).
        requests.add(Requests.connect(valid, "unused", valid, "10.9.9.3"));
        requests.add(Requests.connect("app", "log-connector", WRONG_SECRET, "10.9.9.4"));
        requests.add(Requests.connect("app", "log-connector", SECRET, "10.9.9.4"));
        requests.add(Requests.connect("app", "log-connector", SECRET.substring(1), "10.9.9.5"));
        for (int i = 0; i < 8; i++) {
            requests.add(Requests.connect("app", "log-connector", WRONG_SECRET + i, "10.9.9.6"));
            secrets.add(WRONG_SECRET + i);
        }
        for (ConnectRequest request : requests) {
            AuthResult result = component.authenticate(request).toCompletableFuture().get(10, TimeUnit.SECONDS);
            if (result instanceof AuthResult.Refused refused) {
                for (String secret : secrets) {
                    assertFalse(refused.detail().contains(secret), "refusal detail holds a secret");
                }
            }
            assertFalse(result.toString().contains(SECRET));
        }
        String provisioned = component.provision("log-provisioned", "rsa", 30);
        String privateKeyBody = provisioned.substring(provisioned.indexOf("-----BEGIN PRIVATE KEY-----") + 28,
                provisioned.indexOf("-----END PRIVATE KEY-----")).trim().split("\n")[1];
        secrets.add(privateKeyBody);
        component.status();
        component.devices();
        component.deactivate();

        String log = Files.readString(Path.of(logFile), StandardCharsets.UTF_8);
        assertTrue(log.contains("Refused client log-ec from 10.9.9.1"), "the log was captured");
        assertTrue(log.contains("Provisioned device log-provisioned"), "the log was captured");
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a secret or token reached the log");
        }
        assertFalse(log.contains("eyJ"), "something that looks like a JWT reached the log");
        assertFalse(log.contains("PRIVATE KEY"), "a private key reached the log");
        assertInstanceOf(String.class, provisioned);
    }
}
