// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.eclipse.kura.message.KuraPayload;
import org.eclipse.kura.message.KuraPosition;

/**
 * Turns a {@link KuraPayload} into the JSON object akenza stores, and a downlink's JSON back into metrics.
 *
 * <p>Uplink: every metric is a member of one object ({@code byte[]} as Base64, NaN and infinities as null);
 * {@code timestamp} (ISO-8601 UTC) and {@code position} are added when the payload has them and no metric
 * already uses the name. Downlink: the members of a JSON object whose values are strings, numbers or
 * booleans become metrics (integers as Long, other numbers as Double); nested values are left to the body.
 */
final class KuraJson {

    /** The member holding the payload's timestamp. */
    static final String TIMESTAMP = "timestamp";
    /** The member holding the payload's position. */
    static final String POSITION = "position";

    private KuraJson() {
    }

    /**
     * @param payload a Kura payload
     * @return its metrics, timestamp and position as one UTF-8 JSON object
     */
    static byte[] encode(KuraPayload payload) {
        JsonObject o = new JsonObject();
        for (Map.Entry<String, Object> m : payload.metrics().entrySet()) {
            o.add(m.getKey(), value(m.getValue()));
        }
        Date ts = payload.getTimestamp();
        if (ts != null && !o.has(TIMESTAMP)) {
            o.addProperty(TIMESTAMP, ts.toInstant().toString());
        }
        KuraPosition p = payload.getPosition();
        if (p != null && !o.has(POSITION)) {
            o.add(POSITION, position(p));
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonElement value(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof Number n) {
            return new JsonPrimitive(n);
        }
        if (v instanceof byte[] bytes) {
            return new JsonPrimitive(Base64.getEncoder().encodeToString(bytes));
        }
        return new JsonPrimitive(v.toString());
    }

    private static JsonObject position(KuraPosition p) {
        JsonObject o = new JsonObject();
        add(o, "latitude", p.getLatitude());
        add(o, "longitude", p.getLongitude());
        add(o, "altitude", p.getAltitude());
        add(o, "precision", p.getPrecision());
        add(o, "heading", p.getHeading());
        add(o, "speed", p.getSpeed());
        add(o, "satellites", p.getSatellites());
        add(o, "status", p.getStatus());
        if (p.getTimestamp() != null) {
            o.addProperty(TIMESTAMP, p.getTimestamp().toInstant().toString());
        }
        return o;
    }

    private static void add(JsonObject o, String name, Number n) {
        if (n != null) {
            o.add(name, value(n));
        }
    }

    /**
     * @param json a downlink payload
     * @param into gets the flat members of a JSON object as metrics; nothing when it is not a JSON object
     */
    static void decodeMetrics(byte[] json, KuraPayload into) {
        JsonElement root;
        try {
            root = JsonParser.parseString(new String(json, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return;
        }
        if (!root.isJsonObject()) {
            return;
        }
        for (Map.Entry<String, JsonElement> m : root.getAsJsonObject().entrySet()) {
            JsonElement v = m.getValue();
            if (!v.isJsonPrimitive()) {
                continue;
            }
            JsonPrimitive p = v.getAsJsonPrimitive();
            if (p.isBoolean()) {
                into.addMetric(m.getKey(), p.getAsBoolean());
            } else if (p.isNumber()) {
                into.addMetric(m.getKey(), number(p.getAsBigDecimal()));
            } else {
                into.addMetric(m.getKey(), p.getAsString());
            }
        }
    }

    private static Object number(BigDecimal d) {
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            return d.doubleValue();
        }
    }
}
