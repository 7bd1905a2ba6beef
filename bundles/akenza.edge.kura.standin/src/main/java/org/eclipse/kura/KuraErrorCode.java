// SPDX-License-Identifier: EPL-2.0
package org.eclipse.kura;

/** The subset of Kura's error codes the stand-in needs. */
public enum KuraErrorCode {
    /** A configuration error. */
    CONFIGURATION_ERROR,
    /** An encryption or decryption failed. */
    DECODER_ERROR,
    /** An encryption failed. */
    ENCODE_ERROR,
    /** Anything else. */
    INTERNAL_ERROR
}
