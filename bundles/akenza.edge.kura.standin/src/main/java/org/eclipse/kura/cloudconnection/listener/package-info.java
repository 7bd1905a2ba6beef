// SPDX-License-Identifier: EPL-2.0
/**
 * Stand-in for Kura's {@code org.eclipse.kura.cloudconnection.listener} package (1.0.0 in Kura 5.5):
 * connection and delivery listeners.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.eclipse.kura.cloudconnection.listener;
