package org.vosportal.service.check;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.PrintStream;

/**
 * The application's entry point. Without arguments it serves as usual; {@code check} runs the
 * consistency check of the data directory and database instead and exits 0 when they are
 * consistent, 1 when not (the problems listed, one a line):
 *
 * <pre>
 *   java -jar target/quarkus-app/quarkus-run.jar check
 * </pre>
 *
 * The check opens no port, does not log in to the identity provider, runs no scheduled work and
 * does not sweep orphans at start-up (it is there to report them). With the embedded H2 database
 * the service must be stopped first (H2 allows one process); with PostgreSQL it should be idle.
 */
@QuarkusMain
public class ServiceMain implements QuarkusApplication {

    public static final String CHECK = "check";
    /** Set while a command (not the service) runs. */
    public static final String COMMAND_PROPERTY = "vospace.command";

    @Inject
    Instance<TreeCheck> check;

    public static void main(String... args) {
        if (args.length > 0 && CHECK.equals(args[0])) {
            setIfAbsent("quarkus.http.host-enabled", "false");
            setIfAbsent("quarkus.oidc.tenant-enabled", "false");
            setIfAbsent("quarkus.oidc.portal.tenant-enabled", "false");
            setIfAbsent("quarkus.scheduler.enabled", "false");
            setIfAbsent("vospace.service.sweep-at-start", "false");
            setIfAbsent("quarkus.banner.enabled", "false");
            setIfAbsent("quarkus.log.level", "WARN"); // the report, not the start-up, is the output
            System.setProperty(COMMAND_PROPERTY, CHECK); // serves nothing: BuiltInSecrets lets it run
        }
        org.vosportal.DirectMemoryBounds.applyBeforeStart();
        Quarkus.run(ServiceMain.class, args);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    @Override
    public int run(String... args) throws Exception {
        if (args.length > 0 && CHECK.equals(args[0])) {
            return report(check.get().run(), System.out);
        }
        if (args.length > 0) {
            System.err.println("unknown command '" + args[0] + "'; the only command is '" + CHECK + "'");
            return 2;
        }
        Quarkus.waitForExit();
        return 0;
    }

    static int report(TreeCheck.Report r, PrintStream out) {
        r.problems().forEach(p -> out.println("INCONSISTENT: " + p));
        out.println((r.consistent() ? "consistent: " : r.problems().size() + " problems: ") + r.nodes() + " nodes, "
                + r.blobs() + " blobs, " + r.previews() + " previews checked");
        out.flush();
        return r.consistent() ? 0 : 1;
    }
}
