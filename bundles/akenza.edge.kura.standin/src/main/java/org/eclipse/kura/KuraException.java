// SPDX-License-Identifier: EPL-2.0
package org.eclipse.kura;

/** Kura's checked exception (stand-in with Kura's constructors). */
public class KuraException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The error code. */
    protected final KuraErrorCode code;

    /** @param code the error code */
    public KuraException(KuraErrorCode code) {
        super(code.name());
        this.code = code;
    }

    /**
     * @param code the error code
     * @param arguments ignored by the stand-in
     */
    public KuraException(KuraErrorCode code, Object... arguments) {
        super(code.name());
        this.code = code;
    }

    /**
     * @param code the error code
     * @param cause the cause
     * @param arguments ignored by the stand-in
     */
    public KuraException(KuraErrorCode code, Throwable cause, Object... arguments) {
        super(code.name(), cause);
        this.code = code;
    }

    /** @return the error code */
    public KuraErrorCode getCode() {
        return code;
    }
}
