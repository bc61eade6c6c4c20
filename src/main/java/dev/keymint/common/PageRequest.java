package dev.keymint.common;

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
}
