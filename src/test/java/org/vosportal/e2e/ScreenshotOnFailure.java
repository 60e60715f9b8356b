package org.vosportal.e2e;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * On a failed test, photographs every browser still open (PNG + page source under
 * {@code target/e2e-screenshots/}) before {@code @AfterEach} quits them. Calls
 * {@code Chromium.screenshotAll} through the test class's own class loader, the one that holds the
 * browsers under {@code @QuarkusTest}.
 */
public class ScreenshotOnFailure implements AfterTestExecutionCallback {

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        Class<?> chromium = Class.forName("org.vosportal.testsupport.Chromium", true,
                context.getRequiredTestClass().getClassLoader());
        Method shoot = chromium.getMethod("screenshotAll", String.class);
        Object saved = shoot.invoke(null, name);
        System.err.println("[e2e] " + name + " failed; screenshots: " + saved);
    }
}
