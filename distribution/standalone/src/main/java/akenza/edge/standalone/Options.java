// SPDX-License-Identifier: EPL-2.0
package akenza.edge.standalone;

import java.nio.file.Path;

/**
 * The launcher's command-line options.
 *
 * @param conf where {@code <pid>.cfg} files live (default {@code ./conf})
 * @param data the home directory for the buffer, TLS material and device keys (default {@code ./data})
 * @param consolePort the web console's HTTP port (default 8080)
 * @param consoleHost the address the web console binds to (default 127.0.0.1: it is an admin interface)
 * @param help whether usage was asked for
 */
record Options(Path conf, Path data, int consolePort, String consoleHost, boolean help) {

    static final String USAGE = """
            usage: java -jar akenza-edge.jar [--conf DIR] [--data DIR] [--console-port N] [--console-host ADDR]
              --conf DIR          component configurations, one <pid>.cfg each (default ./conf)
              --data DIR          buffer, TLS material, device keys (default ./data)
              --console-port N    web console port (default 8080)
              --console-host A    web console bind address (default 127.0.0.1; 0.0.0.0 for all)""";

    static Options parse(String[] args) {
        Path conf = Path.of("conf");
        Path data = Path.of("data");
        int port = 8080;
        String host = "127.0.0.1";
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--conf" -> conf = Path.of(value(args, ++i, a));
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--console-port" -> port = Integer.parseInt(value(args, ++i, a));
                case "--console-host" -> host = value(args, ++i, a);
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option: " + a);
            }
        }
        return new Options(conf, data, port, host, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
