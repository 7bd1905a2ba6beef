// SPDX-License-Identifier: EPL-2.0
/** akenza Edge device credentials: implementation, not exported. */
package akenza.edge.credentials.internal;
