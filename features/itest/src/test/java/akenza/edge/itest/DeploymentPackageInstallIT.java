// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.deploymentadmin.DeploymentAdmin;
import org.osgi.service.deploymentadmin.DeploymentPackage;

/**
 * Installs the .dp file itself through Felix Deployment Admin on top of the kura-platform feature, as
 * Kura's Packages page does, and checks the result runs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeploymentPackageInstallIT {

    @Inject
    private BundleContext context;

    @Inject
    private DeploymentAdmin deploymentAdmin;

    /** @return Kura's platform only, plus where the .dp lies */
    @Configuration
    public Option[] config() {
        return options(Features.platform(),
                systemProperty("akenza.edge.dp.dir").value(System.getProperty("akenza.edge.dp.dir")));
    }

    @Test
    public void installsThroughDeploymentAdminAndEverythingStarts() throws Exception {
        DeploymentPackage dp;
        try (InputStream in = Files.newInputStream(Features.deploymentPackage())) {
            dp = deploymentAdmin.installDeploymentPackage(in);
        }
        assertEquals("akenza.edge.dp", dp.getName());
        assertNotNull("api bundle installed by the package", find("akenza.edge.api"));
        assertTrue(dp.getBundleInfos().length >= 10);
        List<String> problems = FrameworkHealth.problems(context);
        assertTrue("framework problems after installing the package: " + problems, problems.isEmpty());

        dp.uninstall();
        assertEquals("uninstall removes our bundles", null, find("akenza.edge.api"));
    }

    private Bundle find(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
