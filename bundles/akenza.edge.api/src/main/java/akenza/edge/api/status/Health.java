// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.status;

/** A component's overall state, worst last. */
public enum Health {
    /** Working as configured. */
    OK,
    /** Deliberately idle (disabled, or waiting for configuration). */
    IDLE,
    /** Working, but something needs attention (e.g. upstream down, bad key file). */
    DEGRADED,
    /** Not working. */
    DOWN
}
