// SPDX-License-Identifier: EPL-2.0
/**
 * Authentication contracts: how the broker asks who a connecting client is.
 *
 * <p>The broker calls {@link akenza.edge.api.auth.DeviceAuthenticator} with a
 * {@link akenza.edge.api.auth.ConnectRequest} and maps the {@link akenza.edge.api.auth.AuthResult}
 * to a CONNACK. Nothing here is specific to akenza's rules; those live in the implementations.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package akenza.edge.api.auth;
