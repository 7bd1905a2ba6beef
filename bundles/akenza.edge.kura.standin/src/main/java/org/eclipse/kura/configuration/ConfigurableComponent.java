// SPDX-License-Identifier: EPL-2.0
package org.eclipse.kura.configuration;

/**
 * Marker interface: Kura's ConfigurationService tracks services registered under this name and shows
 * their metatype in the web console.
 */
public interface ConfigurableComponent {
}
