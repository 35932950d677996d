package io.cspguard.web.pages;

import java.util.Map;

/** Where a paged list is: page {@code page} of {@code pages}, with links that keep the page's filters. */
public record Paging(int page, int pageSize, long total, String basePath, Map<String, String> filters) {
    public int pages() {
        return (int) Math.max(1, (total + pageSize - 1) / pageSize);
    }

    public int offset() {
        return (page - 1) * pageSize;
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    public long first() {
        return total == 0 ? 0 : offset() + 1L;
    }

    public long last() {
        return Math.min(total, (long) page * pageSize);
    }

    /** The link to another page with the same filters. */
    public String href(int target) {
        StringBuilder sb = new StringBuilder(basePath).append('?');
        filters.forEach((k, v) -> {
            if (v != null) {
                sb.append(k).append('=').append(Links.value(v)).append('&');
            }
        });
        return sb.append("page=").append(target).toString();
    }
}
