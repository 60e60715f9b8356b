package org.vosportal.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the project's {@code deploy/*.sh} scripts from tests (shared by the test servers). */
final class DeployScript {

    private DeployScript() {
    }

    /**
     * The project base directory: Surefire's {@code basedir} property, else {@code user.dir}, or the
     * nearest parent of either that holds {@code deploy/<script>}.
     */
    static Path script(String name) {
        for (String property : new String[] {"basedir", "user.dir"}) {
            String value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                continue;
            }
            for (Path dir = Path.of(value).toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("deploy").resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("deploy/" + name + " not found from basedir="
                + System.getProperty("basedir") + " user.dir=" + System.getProperty("user.dir"));
    }

    /**
     * Runs {@code bash deploy/<name> <args>} with no standard input, echoing its output to
     * System.out, and fails with the output's tail if it exits non-zero or exceeds the timeout.
     */
    static void run(String name, Map<String, String> env, long timeoutSeconds, String... args) {
        Path script = script(name);
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = script.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(script.getParent().getParent().toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Deque<String> tail = new ArrayDeque<>();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        }
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[" + name + "] " + line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 80) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out after "
                        + timeoutSeconds + " s\n" + joined(tail));
            }
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with "
                    + process.exitValue() + "\n" + joined(tail));
        }
    }

    private static String joined(Deque<String> tail) {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    /** A setting from a system property, else an environment variable, else the default. */
    static String setting(String property, String envVar, String defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(envVar);
        }
        return value == null || value.isBlank() ? defaultValue : value;
    }
}
