// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

/**
 * Masks secrets in topics before they are logged. Kept for bundles built against it; it is
 * {@link akenza.edge.api.log.LogText#of(String)}, which new code calls directly.
 *
 * <pre>{@code
 * TopicMask.mask("/up/s3cr3t/id/dev-1/alerts")   // the secret level becomes four asterisks
 * TopicMask.mask("/up/device/id/dev-1")          // unchanged: no secret in JWT topics
 * }</pre>
 */
public final class TopicMask {

    private TopicMask() {
    }

    /**
     * @param topic a topic name or filter, may be {@code null}
     * @return {@code null} for {@code null}, else {@link akenza.edge.api.log.LogText#of(String)} of it: the level
     *         after any {@code up} or {@code down} level masked unless it is {@code device} or a wildcard, every
     *         registered connector secret and anything shaped like a JWT masked, control characters escaped
     */
    public static String mask(String topic) {
        return topic == null ? null : akenza.edge.api.log.LogText.of(topic);
    }
}
