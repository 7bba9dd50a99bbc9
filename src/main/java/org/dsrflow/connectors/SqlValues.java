package org.dsrflow.connectors;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A result set's row as a JSON-friendly map: strings, numbers, booleans and null stay; dates and times become
 * ISO-8601 strings (with the offset where the column has one); binary becomes Base64; arrays lists.
 */
final class SqlValues {

    private SqlValues() {
    }

    static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            row.put(meta.getColumnLabel(column), value(rs, column, meta.getColumnType(column), meta.getColumnTypeName(column)));
        }
        return row;
    }

    private static Object value(ResultSet rs, int column, int type, String typeName) throws SQLException {
        Object value = switch (type) {
            case Types.DATE -> rs.getObject(column, LocalDate.class);
            case Types.TIME -> rs.getObject(column, LocalTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE -> rs.getObject(column, OffsetDateTime.class);
            case Types.TIMESTAMP -> "timestamptz".equalsIgnoreCase(typeName)
                    ? rs.getObject(column, OffsetDateTime.class) : rs.getObject(column, LocalDateTime.class);
            default -> rs.getObject(column);
        };
        return rs.wasNull() ? null : jsonFriendly(value);
    }

    static Object jsonFriendly(Object value) throws SQLException {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof BigDecimal || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Byte small) {
            return small.intValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? value : String.valueOf(number);
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Time time) {
            return time.toLocalTime().toString();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString(); // java.time: ISO-8601
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Clob clob) {
            return clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length()));
        }
        if (value instanceof Array array) {
            List<Object> list = new ArrayList<>();
            for (Object element : (Object[]) array.getArray()) {
                list.add(jsonFriendly(element));
            }
            return list;
        }
        return value.toString(); // UUID, PostgreSQL's json and other objects: their text
    }
}
