package org.dsrflow.testsupport;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * One application context per group of test classes ({@link ContextGroups}), and each class starting
 * from the state a fresh context has: before a class that reuses its group's context, the database is
 * put back as it was when the context had started, and what the application keeps in memory per
 * source address is forgotten ({@link FreshState}); after every class the engine clock is real time
 * again; after the last class of its group the context is closed (with its engine), so that two
 * engines named "default" never live at once. Registered in {@code META-INF/spring.factories}.
 */
public final class ContextGroupListener implements TestExecutionListener, Ordered {

    private static final Map<ApplicationContext, FreshState> FRESH = Collections.synchronizedMap(new WeakHashMap<>());
    /** The context left open for the next class of its group, and that group. */
    private static TestContext open;
    private static Object openGroup;

    @Override
    public int getOrder() {
        // Before Spring's own listeners; their after-class work runs before this one closes the context.
        return 100;
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
        Object group = ContextGroups.key(testContext.getTestClass());
        if (open != null && !openGroup.equals(group)) {
            // A group whose last class did not run (disabled, filtered out) ends here at the latest.
            close(open);
        }
        ApplicationContext context = testContext.getApplicationContext();
        FreshState fresh = FRESH.get(context);
        if (fresh == null) {
            FRESH.put(context, FreshState.capture(context));
        } else {
            fresh.restore(context);
        }
    }

    @Override
    public void afterTestClass(TestContext testContext) {
        ClockUtil.reset();
        if (ContextGroups.lastOfItsGroup(testContext.getTestClass())) {
            close(testContext);
        } else {
            open = testContext;
            openGroup = ContextGroups.key(testContext.getTestClass());
        }
    }

    private static void close(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            FRESH.remove(testContext.getApplicationContext());
        }
        testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
        open = null;
        openGroup = null;
    }
}
