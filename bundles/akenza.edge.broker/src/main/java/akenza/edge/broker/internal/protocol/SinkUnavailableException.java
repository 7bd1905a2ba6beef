// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.protocol;

/** No uplink sink is bound (starting, restarting, stopped): the publisher must send the uplink again later. */
final class SinkUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SinkUnavailableException() {
        super("no uplink store is bound", null, false, false);
    }
}
