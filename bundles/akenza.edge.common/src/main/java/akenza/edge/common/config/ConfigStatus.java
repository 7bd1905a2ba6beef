// SPDX-License-Identifier: EPL-2.0
package akenza.edge.common.config;

import akenza.edge.api.status.ComponentStatus;
import akenza.edge.api.status.Health;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The visible half of the bad-value rule: every rejected value is logged once as a WARN line naming the
 * property, and the component's status is {@link Health#DEGRADED} with {@value #DETAIL} naming it until a
 * good configuration replaces it.
 */
public final class ConfigStatus {

    /** The status detail listing the rejected values. */
    public static final String DETAIL = "config.errors";

    private ConfigStatus() {
    }

    /**
     * Logs each problem as one WARN line: {@code <pid> configuration: <property> = '<value>' rejected: <reason>}.
     *
     * @param log the component's logger
     * @param pid the component's PID
     * @param problems what {@link ConfigReader#problems()} collected
     */
    public static void log(Logger log, String pid, List<ConfigProblem> problems) {
        for (ConfigProblem p : problems) {
            log.warn("{} configuration: {}", pid, p);
        }
    }

    /**
     * @param status the component's status
     * @param problems the rejected values of its current configuration
     * @return the status unchanged when there are none; otherwise at least {@link Health#DEGRADED} (DOWN stays
     *         DOWN), the problems in detail {@value #DETAIL} and counted at the front of the summary
     */
    public static ComponentStatus withProblems(ComponentStatus status, List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            return status;
        }
        Map<String, String> details = new HashMap<>(status.details());
        details.put(DETAIL, problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        Health health = status.health() == Health.DOWN ? Health.DOWN : Health.DEGRADED;
        String summary = problems.size() + " configuration value(s) rejected ("
                + problems.stream().map(ConfigProblem::property).distinct().collect(Collectors.joining(", "))
                + "); " + status.summary();
        return new ComponentStatus(status.component(), health, summary, status.counters(), details, status.at());
    }
}
