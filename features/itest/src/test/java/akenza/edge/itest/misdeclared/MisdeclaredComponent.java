// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest.misdeclared;

import org.eclipse.kura.configuration.ConfigurableComponent;

/**
 * The implementation of a configurable component whose DS descriptor declares {@code service.pid}, as ours did:
 * {@code MisdeclaredBundle} packs this class into a bundle of its own to show what Kura's console then sees.
 */
public class MisdeclaredComponent implements ConfigurableComponent {
}
