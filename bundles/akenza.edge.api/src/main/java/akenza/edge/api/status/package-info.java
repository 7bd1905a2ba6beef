// SPDX-License-Identifier: EPL-2.0
/**
 * Status contract: each component reports its health and counters in one shape, so one place can
 * show the whole gateway.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package akenza.edge.api.status;
