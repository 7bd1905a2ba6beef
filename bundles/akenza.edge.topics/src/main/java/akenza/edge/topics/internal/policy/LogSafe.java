// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.policy;

import akenza.edge.api.auth.Connector;
import akenza.edge.api.message.TopicMask;
import akenza.edge.topics.internal.grammar.TopicText;

/**
 * Makes client-supplied text fit for a log line: secrets masked, control characters replaced (a topic with a
 * newline must not forge log lines), long text cut.
 */
public final class LogSafe {

    private static final int MAX_LOGGED = 200;
    private static final String MASK = "****";

    private LogSafe() {
    }

    /**
     * @param topic a topic or filter, may be {@code null}
     * @return it masked by {@link TopicMask#mask(String)}, defused and shortened
     */
    public static String topic(String topic) {
        return text(TopicMask.mask(topic));
    }

    /**
     * Like {@link #topic(String)}, and also masks the connector's secret wherever it occurs: a device that puts
     * its secret in the wrong place ({@code up/<secret>/...}, inside a level) must not leak it to the log.
     *
     * @param topic a topic or filter, may be {@code null}
     * @param connector the client's connector, or {@code null}
     * @return the loggable topic
     */
    public static String topic(String topic, Connector connector) {
        return topic(topic, connector == null ? null : connector.secret());
    }

    /**
     * Like {@link #topic(String)}, and also masks the given secret wherever it occurs.
     *
     * @param topic a topic or filter, may be {@code null}
     * @param secret a secret that may be in it, or {@code null}
     * @return the loggable topic
     */
    public static String topic(String topic, CharSequence secret) {
        if (topic == null || secret == null || secret.length() == 0) {
            return topic(topic);
        }
        return topic(topic.replace(secret, MASK));
    }

    /**
     * @param s any client-supplied text, may be {@code null}
     * @return it with control characters replaced by {@code ?} and cut to a loggable length
     */
    public static String text(String s) {
        if (s == null) {
            return null;
        }
        int n = Math.min(s.length(), MAX_LOGGED);
        StringBuilder sb = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(TopicText.isControl(c) ? '?' : c);
        }
        if (s.length() > MAX_LOGGED) {
            sb.append("...");
        }
        return sb.toString();
    }
}
