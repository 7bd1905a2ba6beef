// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import javax.inject.Inject;
import org.junit.Before;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Base of the in-framework tests that run the whole gateway (both features installed directly) against
 * the akenza stand-in: Pax Exam's configuration, the injected services, and a set-up that runs once per
 * framework (a {@code PerClass} reactor) and, when it fails, fails every later test with the first cause.
 */
public abstract class GatewayTestBase {

    private static boolean started;
    private static Throwable setUpFailure;

    @Inject
    protected BundleContext context;

    @Inject
    protected ConfigurationAdmin configAdmin;

    /** @return Equinox with both features, and the akenza stand-in's port for the forwarder */
    @Configuration
    public Option[] config() {
        int upstream = AkenzaStandIn.start();
        return options(Features.gateway(), systemProperty("itest.upstream.port").value(Integer.toString(upstream)));
    }

    /** Runs {@link #startGateway()} once per framework. */
    @Before
    public void setUpOnce() throws Exception {
        if (started) {
            return;
        }
        if (setUpFailure != null) {
            throw new AssertionError("the gateway could not be set up (see the first test's failure)", setUpFailure);
        }
        try {
            startGateway();
            started = true;
        } catch (Exception | AssertionError e) {
            setUpFailure = e;
            throw e;
        }
    }

    /**
     * Registers the devices and configures the components.
     *
     * @throws Exception when the gateway cannot be set up
     */
    protected abstract void startGateway() throws Exception;
}
