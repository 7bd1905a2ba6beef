// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

import akenza.edge.api.log.LogText;

/**
 * Removes secrets from text that came from outside (a server's reason string, a client library's message)
 * before it reaches a log line or the status: the connector secret itself, and the secret level of any
 * akenza topic ({@code /up/<secret>/...} becomes {@code /up/****}{@code /...}); it delegates to
 * {@link LogText}, so every registered secret and anything shaped like a JWT is masked too.
 */
public final class Redactor {

    private Redactor() {
    }

    /**
     * @param text any text, may be {@code null}
     * @param secret the connector secret, may be empty
     * @return the text without the secret, shortened to a few hundred characters
     */
    public static String redact(String text, String secret) {
        // One masking function: LogText also masks every registered secret (devices' connectors, ours) and JWTs.
        return text == null ? "" : LogText.of(text, secret);
    }
}
