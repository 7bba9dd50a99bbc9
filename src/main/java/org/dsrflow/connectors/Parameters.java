package org.dsrflow.connectors;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dsrflow.config.DsrProperties;
import org.springframework.jdbc.core.namedparam.AbstractSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;

/**
 * The parameters a step names: SQL named parameters ({@code :email}, {@code :row_id}, {@code :value_name}),
 * found by Spring's own parser (so exactly those NamedParameterJdbcTemplate will bind), or HTTP placeholders
 * ({@code {email}}, {@code {row.id}}, {@code {value.name}}) in the path and the body's texts.
 */
final class Parameters {

    /** Identity of the request, a field of the confirmed row, a corrected value; anything else is unknown. */
    enum Kind { IDENTITY, ROW, VALUE, UNKNOWN }

    /** One parameter as written ({@code written}) and what it names. */
    record Parameter(String written, Kind kind, String field) {
    }

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    static final String EMAIL = "email";
    static final String NAME = "name";

    private Parameters() {
    }

    static List<Parameter> of(DsrProperties.Step step) {
        return step.isSql() ? ofSql(step.sql()) : ofHttp(step);
    }

    static List<Parameter> ofSql(String sql) {
        List<Parameter> parameters = new ArrayList<>();
        for (String name : sqlNames(sql)) {
            parameters.add(sqlParameter(name));
        }
        return parameters;
    }

    static Parameter sqlParameter(String name) {
        if (name.equals(EMAIL) || name.equals(NAME)) {
            return new Parameter(name, Kind.IDENTITY, name);
        }
        if (name.startsWith("row_") && name.length() > 4) {
            return new Parameter(name, Kind.ROW, name.substring(4));
        }
        if (name.startsWith("value_") && name.length() > 6) {
            return new Parameter(name, Kind.VALUE, name.substring(6));
        }
        return new Parameter(name, Kind.UNKNOWN, name);
    }

    static Parameter httpParameter(String name) {
        if (name.equals(EMAIL) || name.equals(NAME)) {
            return new Parameter(name, Kind.IDENTITY, name);
        }
        if (name.startsWith("row.") && name.length() > 4) {
            return new Parameter(name, Kind.ROW, name.substring(4));
        }
        if (name.startsWith("value.") && name.length() > 6) {
            return new Parameter(name, Kind.VALUE, name.substring(6));
        }
        return new Parameter(name, Kind.UNKNOWN, name);
    }

    static List<Parameter> ofHttp(DsrProperties.Step step) {
        List<Parameter> parameters = new ArrayList<>();
        placeholders(step.path(), parameters);
        if (step.body() != null) {
            bodyPlaceholders(step.body(), parameters);
        }
        return parameters;
    }

    private static void bodyPlaceholders(Object node, List<Parameter> parameters) {
        if (node instanceof java.util.Map<?, ?> map) {
            map.values().forEach(value -> bodyPlaceholders(value, parameters));
        } else if (node instanceof java.util.Collection<?> list) {
            list.forEach(value -> bodyPlaceholders(value, parameters));
        } else if (node instanceof String text) {
            placeholders(text, parameters);
        }
    }

    private static void placeholders(String text, List<Parameter> parameters) {
        if (text == null) {
            return;
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            parameters.add(httpParameter(matcher.group(1)));
        }
    }

    /** The named parameters of a statement, in order, as Spring's NamedParameterUtils parses them. */
    static List<String> sqlNames(String sql) {
        List<String> names = new ArrayList<>();
        NamedParameterUtils.substituteNamedParameters(NamedParameterUtils.parseSqlStatement(sql), new AbstractSqlParameterSource() {
            @Override
            public boolean hasValue(String paramName) {
                names.add(paramName);
                return false;
            }

            @Override
            public Object getValue(String paramName) {
                throw new IllegalArgumentException(paramName);
            }
        });
        return names;
    }
}
