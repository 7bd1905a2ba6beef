// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.log;

import akenza.edge.api.auth.Connector;
import akenza.edge.api.auth.DeviceIdentity;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes text that came from a client fit for a log line: the one masking function of akenza Edge.
 *
 * <p>Every client id, user name, topic, will topic and topic filter is logged through {@link #of(String)} or
 * {@link #of(String, DeviceIdentity)}. They
 * <ul>
 * <li>mask every registered connector secret wherever it occurs (a device that mistypes its topic, e.g.
 * {@code up/<secret>/...} or {@code /Down/<secret>/...}, or puts its secret into its client id);</li>
 * <li>mask the authenticated connector's own secret, when the identity is given;</li>
 * <li>mask the level after any {@code up} or {@code down} level (any case, anywhere), unless it is
 * {@code device} or a wildcard: a secret of a connector the gateway does not know is still a secret;</li>
 * <li>mask anything shaped like a JWT ({@code eyJ...} followed by dot-separated base64url);</li>
 * <li>escape control characters and backslashes ({@code \n}, {@code \u001b}, ...), so no client can forge
 * a log line;</li>
 * <li>cut the result to {@value #MAX_LOGGED} characters.</li>
 * </ul>
 *
 * <p>The credentials component registers the configured connector secrets with
 * {@link #registerSecrets(Object, Collection)} and withdraws them when it stops or is reconfigured.
 *
 * <pre>{@code
 * LOG.info("Refused client {} on {}", LogText.of(clientId), LogText.of(topic, identity));
 * }</pre>
 */
public final class LogText {

    /** Longest text logged; longer text is cut and ends with {@code ...}. */
    public static final int MAX_LOGGED = 200;
    /** What a secret becomes. */
    public static final String MASK = "****";

    /** Text scanned for secrets before cutting: secrets are short, so a secret cut at the end is still masked. */
    private static final int MAX_SCANNED = 4096;
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_=-]*(?:\\.[A-Za-z0-9_=-]*){1,2}");
    private static final Map<Object, Set<String>> SECRETS = new ConcurrentHashMap<>();

    private LogText() {
    }

    /**
     * Registers secrets to mask in every later log line, replacing those the owner registered before.
     *
     * @param owner who registers (the component instance); its secrets are replaced or withdrawn together
     * @param secrets the secrets; empty ones are ignored
     */
    public static void registerSecrets(Object owner, Collection<String> secrets) {
        Set<String> copy = new HashSet<>();
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                copy.add(s);
            }
        }
        SECRETS.put(owner, Set.copyOf(copy));
    }

    /** @param owner who registered secrets; they are no longer masked */
    public static void withdrawSecrets(Object owner) {
        SECRETS.remove(owner);
    }

    /**
     * @param text any client-supplied text, may be {@code null}
     * @return the text masked, escaped and cut; {@code "null"} for {@code null}
     */
    public static String of(String text) {
        return of(text, (CharSequence) null);
    }

    /**
     * @param text any client-supplied text, may be {@code null}
     * @param identity the client's identity, may be {@code null}; a connector identity's secret is masked too
     * @return the text masked, escaped and cut
     */
    public static String of(String text, DeviceIdentity identity) {
        Connector connector = identity == null ? null : identity.connector();
        return of(text, connector == null ? null : connector.secret());
    }

    /**
     * @param text any client-supplied text, may be {@code null}
     * @param secret one more secret to mask (an upstream secret), may be {@code null}
     * @return the text masked, escaped and cut
     */
    public static String of(String text, CharSequence secret) {
        if (text == null) {
            return "null";
        }
        boolean cut = text.length() > MAX_LOGGED;
        String s = text.length() > MAX_SCANNED ? text.substring(0, MAX_SCANNED) : text;
        if (secret != null && secret.length() > 0) {
            s = s.replace(secret, MASK);
        }
        for (Set<String> secrets : SECRETS.values()) {
            for (String known : secrets) {
                if (s.contains(known)) {
                    s = s.replace(known, MASK);
                }
            }
        }
        if (s.indexOf("eyJ") >= 0) {
            s = JWT.matcher(s).replaceAll(Matcher.quoteReplacement(MASK));
        }
        s = maskAfterUpOrDown(s);
        return escape(s, cut);
    }

    private static String maskAfterUpOrDown(String s) {
        if (s.indexOf('/') < 0) {
            return s;
        }
        List<String> levels = List.of(s.split("/", -1));
        StringBuilder out = new StringBuilder(s.length());
        boolean maskNext = false;
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            if (i > 0) {
                out.append('/');
            }
            boolean keep = level.isEmpty() || level.equals("device") || level.equals("+") || level.equals("#")
                    || level.equals(MASK);
            out.append(maskNext && !keep ? MASK : level);
            maskNext = level.equalsIgnoreCase("up") || level.equalsIgnoreCase("down");
        }
        return out.toString();
    }

    private static String escape(String s, boolean cut) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_LOGGED) + 8);
        int i = 0;
        for (; i < s.length() && sb.length() < MAX_LOGGED; i++) {
            char c = s.charAt(i);
            switch (c) {
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case '\\' -> sb.append("\\\\");
            default -> {
                if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
            }
        }
        if (cut || i < s.length()) {
            sb.append("...");
        }
        return sb.toString();
    }
}
