package dev.keymint.common;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A 1-based page number and a page size, both already validated by the caller. */
public record PageRequest(int page, int pageSize) {

    public PageRequest {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("page and pageSize start at 1");
        }
    }

    /** A long, so that a huge page number cannot overflow into a negative offset. */
    public long offset() {
        return (long) (page - 1) * pageSize;
    }

    /**
     * This page of the rows {@code select} (ordered, without a limit) finds, and the number of all
     * rows, which {@code count} gives; both take the same named {@code params}.
     */
    public <T> Page<T> fetch(JdbcClient jdbc, String count, String select, Map<String, ?> params, RowMapper<T> rows) {
        long total = jdbc.sql(count).params(params).query(Long.class).single();
        Map<String, Object> paged = new HashMap<>(params);
        paged.put("limit", pageSize);
        paged.put("offset", offset());
        List<T> items = jdbc.sql(select + " LIMIT :limit OFFSET :offset").params(paged).query(rows).list();
        return new Page<>(items, page, pageSize, total);
    }
}
