// SPDX-License-Identifier: EPL-2.0
/**
 * Operator commands: key pair and certificate generation, first token, listing and revocation. Not
 * exported.
 */
package akenza.edge.credentials.internal.provisioning;
