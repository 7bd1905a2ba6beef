// SPDX-License-Identifier: EPL-2.0
/** Stand-in for Kura's {@code org.eclipse.kura.message} package (1.5.0 in Kura 5.5): KuraPayload and KuraPosition only. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.5.0")
package org.eclipse.kura.message;
