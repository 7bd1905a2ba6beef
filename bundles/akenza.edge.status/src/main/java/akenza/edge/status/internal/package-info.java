// SPDX-License-Identifier: EPL-2.0
/** The gateway status console command; not exported. */
package akenza.edge.status.internal;
