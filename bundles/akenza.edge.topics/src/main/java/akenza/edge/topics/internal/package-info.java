// SPDX-License-Identifier: EPL-2.0
/** akenza Edge topic policy: implementation, not exported. */
package akenza.edge.topics.internal;
