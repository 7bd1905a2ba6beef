// SPDX-License-Identifier: EPL-2.0
/** Stand-in for Kura's {@code org.eclipse.kura.security.keystore} package (1.1.0 in Kura 5.5): KeystoreService only. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.eclipse.kura.security.keystore;
