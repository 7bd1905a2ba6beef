// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.message;

/**
 * Masks the connector secret in akenza topics before they are logged: every bundle that logs a topic
 * passes it through {@link #mask(String)}.
 *
 * <pre>{@code
 * TopicMask.mask("/up/s3cr3t/id/dev-1/alerts")   // the secret level becomes four asterisks
 * TopicMask.mask("/up/device/id/dev-1")          // unchanged: no secret in JWT topics
 * }</pre>
 */
public final class TopicMask {

    private static final String MASK = "****";

    private TopicMask() {
    }

    /**
     * @param topic a topic name or filter, may be {@code null}
     * @return the topic with the second level of {@code /up/...} and {@code /down/...} topics replaced by
     *         {@code ****} unless it is {@code device}; {@code $share/<group>/} prefixes are looked through
     */
    public static String mask(String topic) {
        if (topic == null) {
            return null;
        }
        String prefix = "";
        String rest = topic;
        if (rest.startsWith("$share/")) {
            int groupEnd = rest.indexOf('/', "$share/".length());
            if (groupEnd < 0) {
                return topic;
            }
            prefix = rest.substring(0, groupEnd + 1);
            rest = rest.substring(groupEnd + 1);
        }
        String head;
        if (rest.startsWith("/up/")) {
            head = "/up/";
        } else if (rest.startsWith("/down/")) {
            head = "/down/";
        } else {
            return topic;
        }
        int secretEnd = rest.indexOf('/', head.length());
        String secret = secretEnd < 0 ? rest.substring(head.length()) : rest.substring(head.length(), secretEnd);
        if (secret.equals("device") || secret.isEmpty() || secret.equals("+") || secret.equals("#")) {
            return topic;
        }
        return prefix + head + MASK + (secretEnd < 0 ? "" : rest.substring(secretEnd));
    }
}
