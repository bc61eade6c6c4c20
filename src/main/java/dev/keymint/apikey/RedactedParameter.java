package dev.keymint.apikey;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.springframework.jdbc.core.SqlTypeValue;

/**
 * A JDBC parameter that binds its value but prints as {@code [redacted]}: Spring JDBC logs every
 * parameter value at TRACE, and a secret hash must not reach a log even when an operator turns
 * that on.
 */
public record RedactedParameter(String value) implements SqlTypeValue {

    @Override
    public void setTypeValue(PreparedStatement ps, int paramIndex, int sqlType, String typeName) throws SQLException {
        ps.setString(paramIndex, value);
    }

    @Override
    public String toString() {
        return "[redacted]";
    }
}
