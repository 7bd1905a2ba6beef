// SPDX-License-Identifier: EPL-2.0
/**
 * The device key directory: PEM parsing with Bouncy Castle, kids, change detection, and the writer for
 * provisioning and revocation. Not exported.
 */
package akenza.edge.credentials.internal.keys;
