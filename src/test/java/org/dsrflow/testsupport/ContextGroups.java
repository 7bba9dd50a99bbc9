package org.dsrflow.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.BootstrapUtils;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Orders the test classes so that the classes of one Spring configuration run one after another (a
 * group), and remembers that order for {@link ContextGroupListener}, which starts each group's
 * application context once and closes it after the group's last class. Why not simply cache contexts:
 * Camunda keeps its engines in a JVM-wide registry by name, and two live contexts with the engine
 * "default" break each other; one group at a time never has two.
 * <p>
 * The group is the class's {@code MergedContextConfiguration}, the key of Spring's own context cache.
 * Classes without Spring come first (by {@link Order}, then name): some of them start and stop the
 * application themselves, which must not happen while a group's engine is live. Then the groups, each
 * in class-name order. Configured in {@code junit-platform.properties}; surefire runs all classes in
 * one launcher session, so the order sees every class (and a single class with {@code -Dtest} too).
 */
public final class ContextGroups implements ClassOrderer {

    private static final Object NOT_SPRING = new Object();
    private static final Map<Class<?>, Object> KEYS = new ConcurrentHashMap<>();
    /** The Spring test classes in the order they run, as last ordered. */
    private static volatile List<Class<?>> plan = List.of();

    @Override
    public void orderClasses(ClassOrdererContext context) {
        List<? extends ClassDescriptor> descriptors = context.getClassDescriptors();
        Map<Object, List<Class<?>>> groups = new LinkedHashMap<>();
        descriptors.stream().map(ClassDescriptor::getTestClass).sorted(Comparator.comparing(Class::getName))
                .filter(ContextGroups::usesSpring)
                .forEach(testClass -> groups.computeIfAbsent(key(testClass), k -> new ArrayList<>()).add(testClass));
        List<Class<?>> springOrder = groups.values().stream().flatMap(List::stream).toList();
        descriptors.sort(Comparator.comparingInt((ClassDescriptor descriptor) -> springOrder.indexOf(descriptor.getTestClass()))
                .thenComparingInt(descriptor -> descriptor.findAnnotation(Order.class).map(Order::value).orElse(Order.DEFAULT))
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
        if (!springOrder.isEmpty()) {
            plan = springOrder;
        }
    }

    /** Whether the next Spring class to run has another configuration (or none follows): its group ends with this class. */
    static boolean lastOfItsGroup(Class<?> testClass) {
        List<Class<?>> order = plan;
        int index = order.indexOf(testClass);
        if (index < 0) {
            return true; // not ordered by this class (another orderer, an IDE): close after each class, as before
        }
        return index == order.size() - 1 || !key(order.get(index + 1)).equals(key(testClass));
    }

    /** The configuration's key (Spring's cache key); a class whose configuration cannot be worked out is a group of its own. */
    static Object key(Class<?> testClass) {
        return KEYS.computeIfAbsent(testClass, ContextGroups::configuration);
    }

    private static boolean usesSpring(Class<?> testClass) {
        return key(testClass) != NOT_SPRING;
    }

    private static Object configuration(Class<?> testClass) {
        boolean spring = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY).stream(ExtendWith.class)
                .anyMatch(extendWith -> Arrays.asList(extendWith.getClassArray("value")).contains(SpringExtension.class));
        if (!spring) {
            return NOT_SPRING;
        }
        try {
            return BootstrapUtils.resolveTestContextBootstrapper(testClass).buildMergedContextConfiguration();
        } catch (RuntimeException unresolvable) {
            return new OwnGroup(testClass);
        }
    }

    private record OwnGroup(Class<?> testClass) {
        OwnGroup {
            Objects.requireNonNull(testClass);
        }
    }
}
