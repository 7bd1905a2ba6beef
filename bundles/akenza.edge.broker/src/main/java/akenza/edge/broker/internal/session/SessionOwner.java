// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.session;

/** The live connection of a session, as the session sees it. */
public interface SessionOwner {

    /** Asks the connection to send queued messages; called from any thread, returns at once. */
    void drainLater();

    /** Closes the connection because another connection took the session over (v5: DISCONNECT 0x8E). */
    void takenOver();

    /**
     * Closes the connection because its device's credentials were revoked (v5: DISCONNECT 0x87). Any thread.
     *
     * @param deviceId the device whose credentials were revoked
     */
    default void credentialsRevoked(String deviceId) {
    }
}
