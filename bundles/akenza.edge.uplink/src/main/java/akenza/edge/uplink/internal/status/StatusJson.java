// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.status;

import akenza.edge.api.status.ComponentStatus;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** The JSON summary sent as the gateway status uplink (akenza topic {@code gateway_status}). */
public final class StatusJson {

    private StatusJson() {
    }

    /**
     * @param status a status snapshot (secret-free by construction)
     * @return UTF-8 JSON: health, summary, time, counters and details
     */
    public static byte[] of(ComponentStatus status) {
        JsonObject json = new JsonObject();
        json.addProperty("component", status.component());
        json.addProperty("health", status.health().name());
        json.addProperty("summary", status.summary());
        json.addProperty("at", status.at().toString());
        JsonObject counters = new JsonObject();
        for (Map.Entry<String, Long> e : new TreeMap<>(status.counters()).entrySet()) {
            counters.addProperty(e.getKey(), e.getValue());
        }
        json.add("counters", counters);
        JsonObject details = new JsonObject();
        for (Map.Entry<String, String> e : new TreeMap<>(status.details()).entrySet()) {
            details.addProperty(e.getKey(), e.getValue());
        }
        json.add("details", details);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
