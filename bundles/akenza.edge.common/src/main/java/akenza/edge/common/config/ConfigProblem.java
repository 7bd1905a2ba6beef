// SPDX-License-Identifier: EPL-2.0
package akenza.edge.common.config;

import java.util.Objects;

/**
 * One rejected configuration value: which property, what was rejected (already fit for a log line: masked
 * for Password properties, passed through the api's {@code LogText} otherwise) and why.
 *
 * @param property the property name, e.g. {@code qos}
 * @param rejected the rejected value as it may be shown ({@code ****} for secrets)
 * @param reason what is allowed and what is used instead, e.g. {@code must be 0, 1 or 2; using the default 1}
 */
public record ConfigProblem(String property, String rejected, String reason) {

    /** Checks the fields. */
    public ConfigProblem {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(rejected, "rejected");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return {@code <property> = '<rejected>' rejected: <reason>}, for log lines and the status */
    @Override
    public String toString() {
        return property + " = '" + rejected + "' rejected: " + reason;
    }
}
