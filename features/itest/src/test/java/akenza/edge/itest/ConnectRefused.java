// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

/** The broker answered CONNECT with a refusal: an MQTT 3.1.1 return code or an MQTT 5 reason code. */
final class ConnectRefused extends Exception {

    private static final long serialVersionUID = 1L;

    /** The CONNACK return code (3.1.1) or reason code (5). */
    final int code;

    ConnectRefused(int code) {
        super("CONNACK refused with 0x" + Integer.toHexString(code));
        this.code = code;
    }
}
