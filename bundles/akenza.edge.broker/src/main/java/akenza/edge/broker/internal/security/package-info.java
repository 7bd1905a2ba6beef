// SPDX-License-Identifier: EPL-2.0
/**
 * Authentication of CONNECTs (local accounts, anonymous, device authenticator) and authorization of PUBLISH and
 * SUBSCRIBE (ACL, topic policy).
 */
package akenza.edge.broker.internal.security;
