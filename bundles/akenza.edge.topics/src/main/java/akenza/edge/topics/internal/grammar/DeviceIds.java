// SPDX-License-Identifier: EPL-2.0
package akenza.edge.topics.internal.grammar;

/**
 * What the gateway accepts as an akenza device id inside a topic.
 *
 * <p>akenza documents device ids as free-form; here a device id is exactly one topic level of 1 to
 * {@value #MAX_LENGTH} characters. Letters, digits, punctuation and symbols of any script are allowed
 * (so unicode ids work); refused are {@code +}, {@code #}, {@code /}, whitespace, control characters,
 * invisible formatting characters (zero-width, bidi overrides: they make two ids look alike in logs and
 * consoles), unpaired surrogates, and the ids {@code .} and {@code ..} (the credentials component may
 * use ids in file names).
 */
public final class DeviceIds {

    /** The longest device id, in characters. */
    public static final int MAX_LENGTH = 128;

    /** What a user is told when a device id is refused. */
    public static final String RULE = "a device id is 1 to " + MAX_LENGTH
            + " characters without +, #, /, whitespace, control or invisible characters, and not . or ..";

    private DeviceIds() {
    }

    /**
     * @param id a candidate device id
     * @return whether it is acceptable
     */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH || id.equals(".") || id.equals("..")) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '+' || c == '#' || c == '/' || TopicText.isControl(c)) {
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
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        return type != Character.FORMAT && type != Character.CONTROL && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE && type != Character.SURROGATE;
    }
}
