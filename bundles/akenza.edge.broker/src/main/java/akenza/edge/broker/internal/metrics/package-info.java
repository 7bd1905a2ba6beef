// SPDX-License-Identifier: EPL-2.0
/** The broker's counters behind its status report. */
package akenza.edge.broker.internal.metrics;
