// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-device subscription set: a device is new once, and one forgotten beyond the bound is new again. */
class DeviceSubscriptionsTest {

    @Test
    void aDeviceIsNewOnlyOnce() {
        DeviceSubscriptions devices = new DeviceSubscriptions();
        assertTrue(devices.seen("dev-1"));
        assertFalse(devices.seen("dev-1"));
        assertFalse(devices.seen(new String("dev-1")), "equal ids, not the same object");
        assertEquals(List.of("dev-1"), devices.takePending(10));
        assertFalse(devices.seen("dev-1"), "taken for subscription, still known");
        assertEquals(1, devices.size());
    }

    @Test
    void theDeviceSeenLongestAgoIsForgottenBeyondTheBound() {
        DeviceSubscriptions devices = new DeviceSubscriptions();
        for (int i = 0; i <= DeviceSubscriptions.MAX_DEVICES; i++) {
            assertTrue(devices.seen("dev-" + i));
        }
        assertEquals(DeviceSubscriptions.MAX_DEVICES, devices.size());
        assertFalse(devices.seen("dev-1"), "still known");
        assertTrue(devices.seen("dev-0"), "forgotten, so new again");
        assertFalse(devices.takePending(DeviceSubscriptions.MAX_DEVICES + 5).contains("dev-1"),
                "forgotten when dev-0 came back: no longer pending");
    }
}
