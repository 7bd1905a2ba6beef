// SPDX-License-Identifier: EPL-2.0
/** Stand-in for Kura's root API package: exceptions only. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.7.0")
package org.eclipse.kura;
