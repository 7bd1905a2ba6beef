// SPDX-License-Identifier: EPL-2.0
package akenza.edge.broker.internal.tls;

/**
 * TLS material could not be read, checked or created. The message names the file and the problem, never
 * the file's content.
 */
public class TlsMaterialException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the file
     */
    public TlsMaterialException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the file
     * @param cause an I/O or platform error that carries no key material
     */
    public TlsMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
