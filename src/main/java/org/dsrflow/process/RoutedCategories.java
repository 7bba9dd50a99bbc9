package org.dsrflow.process;

import java.util.List;
import org.dsrflow.config.DsrProperties;
import org.dsrflow.request.RequestType;

/**
 * Which categories of the register a request type brings to the departments ({@link RequestType#categoriesRouted()}):
 * the same rule for the process's routing input and for the start-up check of the routing decision.
 */
public final class RoutedCategories {

    private RoutedCategories() {
    }

    /** Whether a request of this type about the category goes to the departments at all. */
    static boolean covers(RequestType type, DsrProperties.Organisation organisation, DsrProperties.Category category) {
        return switch (type.categoriesRouted()) {
            case ALL -> true;
            case PORTABLE -> category.portableInPart(); // the part on consent or contract (Art. 20(1)(a))
            case OBJECTABLE -> organisation.objectionReaches(category);
        };
    }

    /** The requested categories the departments work on; unknown ids pass only where every category does. */
    public static List<String> of(RequestType type, DsrProperties.Organisation organisation, List<String> requested) {
        return requested.stream()
                .filter(category -> type.categoriesRouted() == RequestType.Categories.ALL
                        || organisation.categories().containsKey(category)
                        && covers(type, organisation, organisation.category(category)))
                .toList();
    }
}
