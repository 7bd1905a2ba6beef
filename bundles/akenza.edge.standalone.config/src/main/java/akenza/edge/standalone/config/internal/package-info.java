// SPDX-License-Identifier: EPL-2.0
/**
 * The standalone runtime's configuration store: conf/&lt;pid&gt;.cfg files applied at start and on every edit,
 * and configuration changes written back to them; not exported.
 */
package akenza.edge.standalone.config.internal;
