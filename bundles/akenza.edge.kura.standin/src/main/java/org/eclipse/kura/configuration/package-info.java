// SPDX-License-Identifier: EPL-2.0
/** Stand-in for Kura's configuration API package. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.eclipse.kura.configuration;
