// SPDX-License-Identifier: EPL-2.0
/** The topic rules themselves (publish, subscribe, cloud mapping), each immutable per configuration. */
package akenza.edge.topics.internal.policy;
