// SPDX-License-Identifier: EPL-2.0
/**
 * akenza JWT device credentials: token shape and header checks, signature and claim verification with
 * jjwt, the verified-token cache. Not exported.
 */
package akenza.edge.credentials.internal.jwt;
