// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akenza.edge.api.auth.RevocationListener;
import akenza.edge.credentials.internal.testing.MutableClock;
import akenza.edge.credentials.internal.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credentials tell their revocation listeners (the broker) when a device's keys are revoked with the
 * console command or its key file is deleted (issue 11, hole 7): the file watcher blocks on the operating
 * system's notifications, nothing polls.
 */
class RevocationNoticeTest {

    @TempDir
    Path keys;

    private final DeviceCredentialsComponent component =
            new DeviceCredentialsComponent(new MutableClock(Instant.now()));
    private final List<String> revoked = new CopyOnWriteArrayList<>();
    private final RevocationListener listener = revoked::add;

    @AfterEach
    void tearDown() {
        component.removeRevocationListener(listener);
        component.deactivate();
    }

    private void activate() {
        Map<String, Object> p = new HashMap<>();
        p.put("jwt.keys.dir", keys.toString());
        component.activate(p);
        component.addRevocationListener(listener);
    }

    @Test
    void theRevokeCommandTellsTheListenersAtOnce() {
        activate();
        component.provision("dev-cmd", "ec", 10);
        component.revoke("dev-cmd");
        assertTrue(revoked.contains("dev-cmd"));
    }

    @Test
    void deletingAKeyFileTellsTheListeners() throws Exception {
        TestKeys.writeKeyFile(keys, "dev-del", TestKeys.certificate(TestKeys.ec(), "dev-del"));
        TestKeys.writeKeyFile(keys, "dev-keep", TestKeys.certificate(TestKeys.ec(), "dev-keep"));
        activate();
        Files.delete(keys.resolve("dev-del.pem"));
        await().atMost(Duration.ofSeconds(10)).until(() -> revoked.contains("dev-del"));
        assertTrue(!revoked.contains("dev-keep"));
    }
}
