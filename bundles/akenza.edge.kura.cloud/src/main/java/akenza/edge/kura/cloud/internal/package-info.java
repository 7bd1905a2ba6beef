// SPDX-License-Identifier: EPL-2.0
/** akenza as a Kura cloud connection: factory, endpoint, publisher and subscriber components. Not exported. */
package akenza.edge.kura.cloud.internal;
