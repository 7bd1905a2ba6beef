// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.upstream;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that came from outside (a server's reason string, a client library's message)
 * before it reaches a log line or the status: the connector secret itself, and the secret level of any
 * akenza topic ({@code /up/<secret>/...} becomes {@code /up/****}{@code /...}).
 */
public final class Redactor {

    private static final Pattern TOPIC_SECRET = Pattern.compile("/(up|down)/([^/\\s'\"]+)");
    private static final int MAX_LENGTH = 300;

    private Redactor() {
    }

    /**
     * @param text any text, may be {@code null}
     * @param secret the connector secret, may be empty
     * @return the text without the secret, shortened to a few hundred characters
     */
    public static String redact(String text, String secret) {
        if (text == null) {
            return "";
        }
        String out = secret == null || secret.isEmpty() ? text : text.replace(secret, "****");
        Matcher m = TOPIC_SECRET.matcher(out);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String level = m.group(2);
            boolean keep = level.equals("device") || level.equals("+") || level.equals("#") || level.equals("****");
            m.appendReplacement(b, Matcher.quoteReplacement("/" + m.group(1) + "/" + (keep ? level : "****")));
        }
        m.appendTail(b);
        return b.length() > MAX_LENGTH ? b.substring(0, MAX_LENGTH) + "..." : b.toString();
    }
}
