// SPDX-License-Identifier: EPL-2.0
package akenza.edge.itest;

import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Collects what is wrong in a running framework: unresolved bundles, bundles that are not active,
 * and Declarative Services components that are not satisfied.
 */
public final class FrameworkHealth {

    private FrameworkHealth() {
    }

    /**
     * @param context any bundle context
     * @return one line per problem; empty when the framework is healthy
     */
    public static List<String> problems(BundleContext context) {
        List<String> problems = new ArrayList<>();
        Bundle system = context.getBundle(0);
        system.adapt(FrameworkWiring.class).resolveBundles(null);
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders().get("Fragment-Host") != null;
            int state = b.getState();
            if (state == Bundle.INSTALLED) {
                problems.add("unresolved: " + b.getSymbolicName() + " " + b.getVersion() + " " + resolutionError(b));
            } else if (!fragment && state != Bundle.ACTIVE && !Features.NOT_STARTED.contains(b.getSymbolicName())) {
                problems.add("not active: " + b.getSymbolicName() + " state " + state);
            }
        }
        problems.addAll(componentProblems(context));
        return problems;
    }

    /**
     * @param context any bundle context
     * @return one line per DS component configuration that is not satisfied, or a line saying SCR is missing
     */
    public static List<String> componentProblems(BundleContext context) {
        List<String> problems = new ArrayList<>();
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        if (ref == null) {
            problems.add("no ServiceComponentRuntime: SCR is not running");
            return problems;
        }
        ServiceComponentRuntime scr = context.getService(ref);
        try {
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                            || c.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
                            || c.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        problems.add("component " + d.name + " in " + d.bundle.symbolicName + ": state " + c.state
                                + (c.failure == null ? "" : " " + c.failure.lines().findFirst().orElse("")));
                    }
                }
            }
        } finally {
            context.ungetService(ref);
        }
        return problems;
    }

    private static String resolutionError(Bundle b) {
        try {
            b.start();
            return "";
        } catch (Exception e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
