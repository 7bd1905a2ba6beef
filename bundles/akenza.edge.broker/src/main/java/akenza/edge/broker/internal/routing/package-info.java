// SPDX-License-Identifier: EPL-2.0
/**
 * Topic rules, the concurrent subscription trie, retained messages and the router that fans a message out to
 * sessions.
 */
package akenza.edge.broker.internal.routing;
