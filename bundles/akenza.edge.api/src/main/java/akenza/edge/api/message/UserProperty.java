// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

import java.util.Objects;

/**
 * One MQTT 5 user property (a name/value pair; names may repeat).
 *
 * @param name the name
 * @param value the value
 */
public record UserProperty(String name, String value) {
    /** Checks both parts are present. */
    public UserProperty {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
