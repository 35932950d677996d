package io.cspguard.sim.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The OData options of one request, parsed once: {@code $select}, {@code $top}, {@code $skiptoken}, {@code $filter},
 * {@code $expand}, {@code $count}.
 *
 * @param select null when absent
 * @param top    null when absent
 */
record ODataQuery(List<String> select, Integer top, String skiptoken, Filter filter, String filterText, String expand,
                  boolean count) {

    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static ODataQuery parse(GraphRequest req) throws Invalid {
        // Refused rather than ignored: a client relying on them would otherwise get wrong data, or page for ever.
        if (req.option("search") != null) {
            throw new Invalid("$search is not supported by the simulator.");
        }
        if (req.option("skip") != null) {
            throw new Invalid("$skip is not supported; follow @odata.nextLink.");
        }
        List<String> select = null;
        String s = req.option("select");
        if (s != null && !s.isBlank()) {
            select = new ArrayList<>();
            for (String f : s.split(",")) {
                if (!f.isBlank()) {
                    select.add(f.trim());
                }
            }
        }
        Integer top = null;
        String t = req.option("top");
        if (t != null) {
            try {
                top = Integer.valueOf(t.trim());
            } catch (NumberFormatException e) {
                throw new Invalid("Invalid page size specified: '" + t + "'.");
            }
            if (top < 1) {
                throw new Invalid("Invalid page size specified: '" + t + "'. Must be a positive number.");
            }
        }
        String filterText = req.option("filter");
        Filter filter = null;
        if (filterText != null && !filterText.isBlank()) {
            try {
                filter = Filter.parse(filterText);
            } catch (IllegalArgumentException e) {
                throw new Invalid(e.getMessage());
            }
        }
        String expand = req.option("expand");
        boolean count = "true".equalsIgnoreCase(req.option("count"));
        return new ODataQuery(select, top, req.option("skiptoken"), filter, filterText,
                expand == null || expand.isBlank() ? null : expand, count);
    }

    boolean selects(String property) {
        if (select == null) {
            return false;
        }
        for (String f : select) {
            if (f.equalsIgnoreCase(property)) {
                return true;
            }
        }
        return false;
    }

    boolean expands(String navigation) {
        return expand != null && expand.toLowerCase(Locale.ROOT).contains(navigation.toLowerCase(Locale.ROOT));
    }

    /**
     * What a skip token is bound to: the resource and every option but the token. Built from decoded values, so a
     * client that re-encodes the nextLink (%24 for $, + for space) still gets its next page.
     */
    int shapeHash(String path) {
        String shape = path.toLowerCase(Locale.ROOT) + '|' + select + '|' + top + '|' + filterText + '|' + expand + '|'
                + count;
        return shape.hashCode();
    }
}
