// SPDX-License-Identifier: EPL-2.0
package akenza.edge.uplink.internal.client;

/** An upstream operation failed; the message is secret-free. */
public class UpstreamException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message a secret-free explanation */
    public UpstreamException(String message) {
        super(message);
    }
}
