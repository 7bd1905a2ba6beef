// SPDX-License-Identifier: EPL-2.0
package akenza.edge.api.auth;

/**
 * The one rule for a valid device id, shared by credentials (key file names, JWT client ids), topics
 * ({@code /up/.../id/<deviceId>}) and provisioning, so an id accepted by one is usable by all.
 *
 * <p>akenza documents device ids as free-form. The gateway uses them as one MQTT topic level and as a file
 * name, so a device id here is 1 to {@value #MAX_LENGTH} characters of letters, digits, punctuation and
 * symbols of any script, and never holds {@code +}, {@code #}, {@code /}, {@code \}, {@code *}, {@code ?},
 * {@code "}, {@code <}, {@code >}, {@code |}, whitespace, control characters, invisible formatting characters
 * (zero-width, bidi overrides: they make two ids look alike) or unpaired surrogates, and does not start with
 * a dot ({@code .}, {@code ..} and hidden files).
 */
public final class DeviceIds {

    /** The longest device id, in characters. */
    public static final int MAX_LENGTH = 128;

    /** The rule in words, for refusals shown to users. */
    public static final String RULE = "a device id is 1 to " + MAX_LENGTH
            + " characters without + # / \\ * ? \" < > |, whitespace, control or invisible characters,"
            + " and does not start with a dot";

    private static final String FORBIDDEN = "+#/\\*?\"<>|";
    /**
     * Which ASCII characters may appear: printable, not a space, not forbidden. Ids are checked on every PUBLISH
     * (several times), and nearly all are ASCII: a table look-up instead of the Unicode category checks.
     */
    private static final boolean[] ASCII_ALLOWED = new boolean[128];

    static {
        for (char c = 0x21; c < 0x7F; c++) {
            ASCII_ALLOWED[c] = FORBIDDEN.indexOf(c) < 0;
        }
    }

    private DeviceIds() {
    }

    /**
     * @param id a candidate device id, may be {@code null}
     * @return whether it is a valid device id
     */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH || id.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 128) {
                if (!ASCII_ALLOWED[c]) {
                    return false;
                }
                continue;
            }
            if (FORBIDDEN.indexOf(c) >= 0) {
                return false;
            }
            int cp = c;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= id.length() || !Character.isLowSurrogate(id.charAt(i + 1))) {
                    return false;
                }
                cp = Character.toCodePoint(c, id.charAt(++i));
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
            if (!isVisible(cp)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        return type != Character.FORMAT && type != Character.CONTROL && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE && type != Character.SURROGATE;
    }
}
