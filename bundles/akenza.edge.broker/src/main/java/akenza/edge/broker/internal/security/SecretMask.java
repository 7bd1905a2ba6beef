// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.security;

import akenza.edge.api.log.LogText;

/** Masks connector secrets in free text (error messages that quote ACL rules or topics) before logging. */
public final class SecretMask {

    private SecretMask() {
    }

    /**
     * @param text a message that may quote topics, e.g. {@code rule 2 'allow publish /up/s3cr3t/#': ...}
     * @return the text with every word that is an uplink/downlink topic masked by {@link LogText}
     */
    public static String maskTopics(String text) {
        if (text == null || (!text.contains("/up/") && !text.contains("/down/"))) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (String word : text.split("(?<= )", -1)) {
            String core = word.stripTrailing();
            String tail = word.substring(core.length());
            String leading = core.startsWith("'") || core.startsWith("\"") ? core.substring(0, 1) : "";
            out.append(leading).append(LogText.of(core.substring(leading.length()))).append(tail);
        }
        return out.toString();
    }
}
