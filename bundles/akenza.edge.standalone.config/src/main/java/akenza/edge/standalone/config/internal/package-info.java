// SPDX-License-Identifier: EPL-2.0
/** Writes configuration changes back to the standalone runtime's conf/&lt;pid&gt;.cfg files; not exported. */
package akenza.edge.standalone.config.internal;
