// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.config;

/**
 * Bounds on what clients may make the broker keep, so no device can exhaust the gateway.
 *
 * @param maxConnectSize largest CONNECT packet read before authentication, in bytes; larger ones are refused
 *        from their fixed header, before any of the packet is buffered
 * @param maxSessions persistent sessions kept in total (online or offline)
 * @param maxSessionsPerIdentity persistent sessions one identity (device, connector, account) may hold
 * @param maxRetainedMessages retained messages kept in total
 * @param maxRetainedBytes retained payload bytes kept in total
 * @param maxRetainedMessagesPerIdentity retained messages one identity may have published
 * @param maxRetainedBytesPerIdentity retained payload bytes one identity may have published
 */
public record ResourceLimits(int maxConnectSize, int maxSessions, int maxSessionsPerIdentity, int maxRetainedMessages,
        long maxRetainedBytes, int maxRetainedMessagesPerIdentity, long maxRetainedBytesPerIdentity) {

    /**
     * @return these limits with the per-identity retained limits raised to the totals: for retained messages
     *         that no client published (cloud downlinks), which only the totals bound
     */
    public ResourceLimits retainedTotalsOnly() {
        return new ResourceLimits(maxConnectSize, maxSessions, maxSessionsPerIdentity, maxRetainedMessages,
                maxRetainedBytes, maxRetainedMessages, maxRetainedBytes);
    }

    /** @return the metatype defaults */
    public static ResourceLimits defaults() {
        return new ResourceLimits(65_536, 2_000, 100, 10_000, 16L * 1024 * 1024, 1_000, 1024L * 1024);
    }
}
