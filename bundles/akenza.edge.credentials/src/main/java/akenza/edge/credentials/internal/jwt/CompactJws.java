// SPDX-License-Identifier: EPL-2.0
package akenza.edge.credentials.internal.jwt;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A compact JWS split into its parts, with the header read before any signature check so the algorithm
 * can be matched against the registered key first.
 *
 * @param token the whole token
 * @param header the decoded JOSE header
 * @param unverifiedPayload the decoded claims, <em>not verified</em>: used only to name a device to check
 *        the token against, never to accept anything
 */
public record CompactJws(String token, JsonObject header, JsonObject unverifiedPayload) {

    /**
     * A cheap shape test on the raw password: three base64url segments separated by dots, the first two
     * non-empty (the third is empty for {@code alg: none}, which is then refused by its header).
     *
     * @param password password bytes
     * @return whether they look like a compact JWS
     */
    public static boolean looksLike(byte[] password) {
        if (password == null || password.length < 5) {
            return false;
        }
        int dots = 0;
        int segmentLength = 0;
        for (byte b : password) {
            if (b == '.') {
                if (dots < 2 && segmentLength == 0) {
                    return false;
                }
                dots++;
                segmentLength = 0;
            } else if (isBase64Url(b)) {
                segmentLength++;
            } else {
                return false;
            }
        }
        return dots == 2;
    }

    /**
     * @param token a token that {@link #looksLike(byte[])}
     * @return its parts, or empty when the header or payload is not base64url JSON objects
     */
    public static Optional<CompactJws> parse(String token) {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1) {
            return Optional.empty();
        }
        try {
            JsonObject header = decodeObject(token.substring(0, first));
            JsonObject payload = decodeObject(token.substring(first + 1, second));
            return header == null || payload == null ? Optional.empty()
                    : Optional.of(new CompactJws(token, header, payload));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the header's {@code alg}, or empty when absent or not a string */
    public Optional<String> algorithm() {
        return string(header, "alg");
    }

    /** @return the header's {@code kid}, or empty when absent or not a string */
    public Optional<String> keyId() {
        return string(header, "kid");
    }

    /**
     * @return whether the header asks for features we never honour: critical extensions ({@code crit}),
     *         compressed payloads ({@code zip}) or unencoded payloads ({@code b64})
     */
    public boolean hasUnsupportedHeader() {
        return header.has("crit") || header.has("zip") || header.has("b64");
    }

    /** @return the unverified {@code sub}, if a string */
    public Optional<String> unverifiedSubject() {
        return string(unverifiedPayload, "sub");
    }

    /** @return the unverified {@code aud} when it is a single string */
    public Optional<String> unverifiedAudience() {
        return string(unverifiedPayload, "aud");
    }

    private static Optional<String> string(JsonObject object, String name) {
        JsonElement e = object.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? Optional.of(e.getAsString())
                : Optional.empty();
    }

    private static JsonObject decodeObject(String segment) {
        String json = new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
        JsonElement element = JsonParser.parseString(json);
        return element.isJsonObject() ? element.getAsJsonObject() : null;
    }

    private static boolean isBase64Url(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_';
    }

    @Override
    public String toString() {
        return "CompactJws[alg=" + algorithm().orElse("?") + "]";
    }
}
