package dev.keymint.tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CustomerRepository {

    private final JdbcClient jdbc;

    public CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Customer customer) {
        jdbc.sql("INSERT INTO customer (id, name, created_at) VALUES (?, ?, ?)")
                .params(customer.id(), customer.name(), customer.createdAt().toEpochMilli())
                .update();
    }

    public Optional<Customer> findById(String id) {
        return jdbc.sql("SELECT id, name, created_at FROM customer WHERE id = ?")
                .param(id)
                .query((rs, row) -> new Customer(rs.getString("id"), rs.getString("name"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .optional();
    }

    public List<String> allIds() {
        return jdbc.sql("SELECT id FROM customer").query(String.class).list();
    }
}
