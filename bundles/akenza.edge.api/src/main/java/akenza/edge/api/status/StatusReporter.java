// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.status;

/**
 * Implemented by each component so one place (a console command, the gateway status uplink) can show the
 * whole gateway's health. Register it as a service alongside the component's other services.
 */
public interface StatusReporter {

    /** @return a fresh snapshot; must be cheap and must not block */
    ComponentStatus status();
}
