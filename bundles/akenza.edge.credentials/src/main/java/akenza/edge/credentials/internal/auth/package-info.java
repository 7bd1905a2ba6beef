// SPDX-License-Identifier: EPL-2.0
/**
 * Authentication flow: the rules engine per configuration, throttling, counters and the worker pool
 * that keeps signature checks off network threads. Not exported.
 */
package akenza.edge.credentials.internal.auth;
