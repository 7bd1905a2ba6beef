// SPDX-License-Identifier: EPL-2.0
package org.eclipse.kura.configuration;

/** Stand-in: only the constants of Kura's ConfigurationService. */
public interface ConfigurationService {

    /** The property Kura sets on every configuration it manages. */
    String KURA_SERVICE_PID = "kura.service.pid";
}
