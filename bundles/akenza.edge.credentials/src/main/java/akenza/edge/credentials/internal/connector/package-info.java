// SPDX-License-Identifier: EPL-2.0
/**
 * Uplink-secret connectors: constant-time secret comparison and per-connector device allow-lists. Not
 * exported.
 */
package akenza.edge.credentials.internal.connector;
