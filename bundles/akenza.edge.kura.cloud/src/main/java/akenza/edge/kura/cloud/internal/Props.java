// SPDX-License-Identifier: EPL-2.0
package akenza.edge.kura.cloud.internal;

import java.util.Map;

/** Reads typed values from a component's configuration as Kura and ConfigAdmin deliver them. */
final class Props {

    private Props() {
    }

    static String string(Map<String, ?> props, String key, String fallback) {
        Object v = props.get(key);
        return v == null ? fallback : v.toString().trim();
    }

    static int integer(Map<String, ?> props, String key, int fallback) {
        Object v = props.get(key);
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v != null) {
            try {
                return Integer.parseInt(v.toString().trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }
}
