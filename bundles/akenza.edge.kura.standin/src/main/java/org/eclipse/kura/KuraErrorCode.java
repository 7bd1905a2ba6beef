// SPDX-License-Identifier: EPL-2.0
package org.eclipse.kura;

/** The subset of Kura's error codes the stand-in needs. */
public enum KuraErrorCode {
    /** A configuration error. */
    CONFIGURATION_ERROR,
    /** A connection attempt failed. */
    CONNECTION_FAILED,
    /** A disconnection failed. */
    DISCONNECTION_FAILED,
    /** An encryption or decryption failed. */
    DECODER_ERROR,
    /** An encryption failed. */
    ENCODE_ERROR,
    /** A parameter is invalid. */
    INVALID_PARAMETER,
    /** Something was not found. */
    NOT_FOUND,
    /** Anything else. */
    INTERNAL_ERROR
}
